import sys

from xueji_desktop.cli import main  # absolute: a frozen build runs this file as __main__, outside the package

sys.exit(main())
