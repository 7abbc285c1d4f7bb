from services.tasks.main import main

main()
