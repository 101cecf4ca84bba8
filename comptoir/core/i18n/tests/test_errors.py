"""Owner errors keep their values across processes, to be translated there."""

import pickle

from comptoir.core.i18n import language
from comptoir.plugins.images.probe import ImageProblem


def test_owner_errors_pickle_with_their_values() -> None:
    error = ImageProblem("This image cannot be opened: %(error)s", error="tronqué")
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is ImageProblem and again.values == {"error": "tronqué"}
    text = again.translated({"DEFAULT_LANG": "fr"})
    assert text == language({}, "fr").gettext(error.message, error="tronqué")
    assert text.startswith("Cette image ne peut pas être ouverte")
