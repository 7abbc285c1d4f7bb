from services.files.main import main

main()
