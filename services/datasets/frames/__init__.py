"""The frames room: save/update/delete frames, frame reads, the meta schema, vector fields."""
