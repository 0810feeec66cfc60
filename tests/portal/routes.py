"""Route-matrix rows of the portal's shell (see tests/route_matrix.py)."""

from tests.route_matrix import Route, expect


def fixed(path: str):
    return lambda world: path


ROUTES = (
    Route("favicon", fixed("/favicon.ico"), {"GET": expect(301), "POST": expect(405)}),
    Route("design_system", fixed("/design/"), {"GET": expect(200), "POST": expect(405)}),
    # Every signed-in person has a My WSIS (what it lists depends on the roles).
    Route(
        "my_wsis",
        fixed("/my/"),
        {"GET": expect(200, anonymous=302), "POST": expect(405, anonymous=405)},
    ),
)
