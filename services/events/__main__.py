from services.events.main import main

main()
