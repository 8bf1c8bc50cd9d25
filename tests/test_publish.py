"""Publishing past GitHub Pages' 1 GB: `make publish-s3` sends a built site to an S3-compatible bucket,
tested end to end against moto's S3 server (a real HTTP server speaking the protocol), with the AWS CLI
the workflow uses: every file arrives byte for byte with its content type, and publishing again sends
what changed and deletes what the site no longer has."""

from __future__ import annotations

import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from scripts.bench import free_port

from .conftest import BIN, ROOT
from .sitebuild import mkdocs_build

BUCKET = "kehoach-test"


@pytest.fixture(scope="module")
def s3():
    if not (BIN / "moto_server").exists() or not (BIN / "aws").exists():
        pytest.skip("moto_server or aws missing: make install installs them")
    port = free_port()
    proc = subprocess.Popen([str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 30
    while True:
        try:
            urllib.request.urlopen(url + "/", timeout=1)
            break
        except OSError:
            if time.time() > deadline:
                proc.kill()
                raise
            time.sleep(0.2)
    yield url
    proc.terminate()
    proc.wait(10)


def aws_env(home: Path) -> dict:
    return {"PATH": f"{BIN}:/usr/bin:/bin", "HOME": str(home), "AWS_ACCESS_KEY_ID": "test",
            "AWS_SECRET_ACCESS_KEY": "test", "AWS_DEFAULT_REGION": "us-east-1", "NO_MKDOCS_2_WARNING": "1"}


def publish(site: Path, endpoint: str, home: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "-s", "-C", str(ROOT), "publish-s3", f"BUCKET={BUCKET}", f"S3_ENDPOINT={endpoint}",
                           f"SITE_DIR={site}"], capture_output=True, text=True, env=aws_env(home))


def client(endpoint: str):
    import boto3

    return boto3.client("s3", endpoint_url=endpoint, aws_access_key_id="test", aws_secret_access_key="test",
                        region_name="us-east-1")


def get(s3, key: str) -> tuple[bytes, str] | None:
    try:
        obj = s3.get_object(Bucket=BUCKET, Key=key)
    except s3.exceptions.NoSuchKey:
        return None
    return obj["Body"].read(), obj["ContentType"]


def test_publish_to_an_s3_compatible_bucket(s3: str, tmp_path: Path):
    site = tmp_path / "site"
    assert mkdocs_build(ROOT, site).returncode == 0
    r = subprocess.run([str(BIN / "aws"), "s3", "mb", f"s3://{BUCKET}", "--endpoint-url", s3],
                       capture_output=True, text=True, env=aws_env(tmp_path))
    assert r.returncode == 0, r.stderr

    r = publish(site, s3, tmp_path)
    assert r.returncode == 0, r.stderr
    files = [p for p in site.rglob("*") if p.is_file()]
    assert len(files) > 1000
    bucket = client(s3)
    for f in files[::37] + [site / "index.html", site / "sitemap.xml"]:
        body, kind = get(bucket, f.relative_to(site).as_posix())
        assert body == f.read_bytes(), f
        if f.suffix == ".html":
            assert kind.startswith("text/html"), (f, kind)
        if f.suffix == ".json":
            assert kind.startswith("application/json"), (f, kind)
    keys = {o["Key"] for page in bucket.get_paginator("list_objects_v2").paginate(Bucket=BUCKET)
            for o in page.get("Contents", [])}
    assert keys == {f.relative_to(site).as_posix() for f in files}

    # publish again after a change: the new text is there, a page the site lost is gone
    page = site / "index.html"
    page.write_bytes(page.read_bytes().replace(b"</body>", b"<!-- lan hai --></body>"))
    gone = next((site / "ke-hoach").iterdir())
    shutil.rmtree(gone)
    r = publish(site, s3, tmp_path)
    assert r.returncode == 0, r.stderr
    assert b"lan hai" in get(bucket, "index.html")[0]
    assert get(bucket, f"ke-hoach/{gone.name}/index.html") is None


def test_publish_refuses_without_a_site_or_a_bucket(tmp_path: Path):
    r = subprocess.run(["make", "-s", "-C", str(ROOT), "publish-s3", f"SITE_DIR={tmp_path}"],
                       capture_output=True, text=True, env=aws_env(tmp_path))
    assert r.returncode != 0 and "BUCKET" in r.stderr
    r = subprocess.run(["make", "-s", "-C", str(ROOT), "publish-s3", "BUCKET=x", f"SITE_DIR={tmp_path}"],
                       capture_output=True, text=True, env=aws_env(tmp_path))
    assert r.returncode != 0 and "make build first" in r.stderr
