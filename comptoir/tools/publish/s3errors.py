"""What boto3 raised, in the owner's words (no such bucket, keys refused,
store unreachable, a publish cut midway)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from comptoir.core.i18n import N_

from .guards import PublishError

KEYS_REFUSED = (
    "AccessDenied",
    "InvalidAccessKeyId",
    "SignatureDoesNotMatch",
    "InvalidToken",
    "ExpiredToken",
    "AllAccessDisabled",
)
WRONG_REGION = ("PermanentRedirect", "AuthorizationHeaderMalformed", "IncorrectEndpoint")


@contextlib.contextmanager
def owner_errors(target: Any, *, cut: bool) -> Iterator[None]:
    """Turn boto3's errors into PublishError; ``cut``: files were being sent."""
    from botocore.exceptions import (
        ClientError,
        ConnectionError,
        HTTPClientError,
        NoCredentialsError,
        PartialCredentialsError,
    )

    where = {"bucket": target.bucket, "endpoint": target.where}
    try:
        yield
    except (NoCredentialsError, PartialCredentialsError) as error:
        raise PublishError(
            N_(
                "No keys for the bucket: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "
                'in your environment (see the README, "Putting the site online"), never '
                "in publishconf.py."
            )
        ) from error
    except (ConnectionError, HTTPClientError) as error:
        if cut:
            raise PublishError(
                N_(
                    "The connection to %(endpoint)s was lost during the publish: the pages "
                    "online still work (the files they use are sent first, nothing was "
                    "deleted); run `invoke publish` again to finish."
                ),
                **where,
            ) from error
        raise PublishError(
            N_(
                '%(endpoint)s cannot be reached: check your connection and "endpoint" in '
                "PUBLISH (nothing was changed online)."
            ),
            **where,
        ) from error
    except ClientError as error:
        code = str(error.response.get("Error", {}).get("Code", ""))
        status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        if code in ("NoSuchBucket", "404") or (code == "" and status == 404):
            message = N_(
                'There is no bucket %(bucket)s at %(endpoint)s: check "bucket" and '
                '"endpoint" in PUBLISH, or create the bucket at your host.'
            )
        elif code in KEYS_REFUSED or status == 403:
            message = N_(
                "%(endpoint)s refused the keys (%(code)s): check AWS_ACCESS_KEY_ID and "
                "AWS_SECRET_ACCESS_KEY in your environment, and that they may write to "
                "the bucket %(bucket)s."
            )
        elif code in WRONG_REGION or status == 301:
            message = N_(
                'The bucket %(bucket)s is in another region: check "region" and '
                '"endpoint" in PUBLISH.'
            )
        elif cut:
            message = N_(
                "%(endpoint)s refused a file (%(code)s): the pages online still work; "
                "run `invoke publish` again, and ask your host if it goes on."
            )
        else:
            message = N_(
                "%(endpoint)s answered with an error (%(code)s), and nothing was changed online."
            )
        raise PublishError(message, code=code or str(status), **where) from error
