from services.queues.main import main

main()
