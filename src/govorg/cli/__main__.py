import sys

from govorg.cli.main import main

sys.exit(main())
