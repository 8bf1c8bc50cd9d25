"""What the published site promises the people and servers that read it. Every page carries, as
meta elements (GitHub Pages sets no headers of ours), a Content-Security-Policy that lets scripts,
styles, fonts and fetches come only from the site's own files (and an inline script the theme writes,
allowed by its hash: the 404 page's), and a referrer policy; and every file is readable by all.

`with_policy` must see a page as the theme made it, before any generated content goes in (the MkDocs
hook calls it on the theme's frame, before it puts the library's HTML in place of its placeholder):
then only the theme's inline scripts are hashed, never one that plan text might smuggle into a page."""

from __future__ import annotations

import base64
import hashlib
import re

# an inline script: no src; JSON data blocks (Material's __config) are not run, so need no hash
_INLINE = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*\btype=\"application/(?:ld\+)?json\")[^>]*>(.*?)</script>",
                     re.DOTALL | re.IGNORECASE)
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.IGNORECASE)
REFERRER = "no-referrer"  # people's reading is their own: links out say nothing of where they came from
# default-src covers scripts, styles, fonts and fetches: each from the site only (a page has no inline script
# but the 404 page's, allowed by its hash); images from the site and data: URLs; no plugin, no frame
BASE = ("default-src 'self'", "img-src 'self' data:", "object-src 'none'", "frame-src 'none'", "base-uri 'self'",
        "form-action 'self'")


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def content_security_policy(page_html: str) -> str:
    hashes = sorted({_hash(m.group(1)) for m in _INLINE.finditer(page_html)})
    scripts = (" ".join(["script-src 'self'", *hashes]),) if hashes else ()
    return "; ".join((BASE[0], *scripts, *BASE[1:]))


def with_policy(page_html: str) -> str:
    """The page with its policy as the first elements after <meta charset> (a policy given by a meta
    element covers only what comes after it)."""
    policy = content_security_policy(page_html)
    metas = (f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
             f'<meta name="referrer" content="{REFERRER}">')
    found = _CHARSET.search(page_html)
    if found is None:
        head = page_html.find("<head>")
        if head == -1:
            return metas + page_html
        at = head + len("<head>")
    else:
        at = found.end()
    return page_html[:at] + metas + page_html[at:]


def readable_by_all(site_dir) -> None:
    """Files 0644 and folders 0755 under `site_dir`, whatever the umask of the build: the web server
    that publishes the site may run as another user (a temporary file is made 0600). Under the usual
    umask, 022, every file is made so already (the library writes its own 0644, write_atomic): nothing
    to do (going over 36,000 files was 0.3 s of a build at 10,000 plans)."""
    import os

    umask = os.umask(0o022)
    os.umask(umask)
    if umask == 0o022:
        return

    folders = [os.fspath(site_dir)]
    while folders:  # os.scandir tells a link or a folder from the directory itself, without a stat a file
        folder = folders.pop()
        os.chmod(folder, 0o755)
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                elif not entry.is_symlink():
                    os.chmod(entry.path, 0o644)


__all__ = ["REFERRER", "content_security_policy", "readable_by_all", "with_policy"]
