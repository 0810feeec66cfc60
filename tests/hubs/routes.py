"""Route-matrix rows of the hubs (see tests/route_matrix.py): public pages, read only, the same
for every role; no method but GET."""

from tests.route_matrix import Route, expect

READ_ONLY = {"GET": expect(200), "POST": expect(405)}


def fixed(path: str):
    return lambda world: path


ROUTES = (
    Route("hubs:index", fixed("/hubs/"), READ_ONLY),
    Route("hubs:matrix", fixed("/hubs/matrix/"), READ_ONLY),
    Route("hubs:action_line", fixed("/hubs/action-lines/c2/"), READ_ONLY),
    Route("hubs:sdg", fixed("/hubs/sdgs/9/"), READ_ONLY),
    Route("hubs:gdc", fixed("/hubs/gdc/1/"), READ_ONLY),
    Route("hub-api-list", fixed("/api/v1/hubs/"), READ_ONLY),
    Route("hub-api-action-line", fixed("/api/v1/hubs/action-lines/c2/"), READ_ONLY),
    Route("hub-api-sdg", fixed("/api/v1/hubs/sdgs/9/"), READ_ONLY),
    Route("hub-api-gdc", fixed("/api/v1/hubs/gdc/1/"), READ_ONLY),
)
