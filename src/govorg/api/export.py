"""Print the GraphQL schema: `python -m govorg.api.export > schema.graphql`."""

from __future__ import annotations

import sys

from govorg.api.schema import printed_schema


def main() -> None:
    sys.stdout.write(printed_schema())


if __name__ == "__main__":
    main()
