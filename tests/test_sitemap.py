"""The sitemap past 50,000 addresses: an index of sitemaps, each within the protocol's limit."""

import xml.etree.ElementTree as ET

from kehoach.site.sitemap import sitemaps

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_one_file_up_to_the_limit():
    files = sitemaps("https://u.github.io/kh/", ["", "ke-hoach/a/", "ke-hoach/a/"], per_file=2)
    assert list(files) == ["sitemap.xml"]
    root = ET.fromstring(files["sitemap.xml"])
    assert root.tag == "{%s}urlset" % NS["s"]
    assert [e.text for e in root.findall("s:url/s:loc", NS)] == ["https://u.github.io/kh/", "https://u.github.io/kh/ke-hoach/a/"]


def test_an_index_of_sitemaps_past_the_limit():
    urls = [f"ke-hoach/p{i}/" for i in range(5)] + ["tra-cuu/?q=a&b"]
    files = sitemaps("https://u.github.io/kh", urls, per_file=2)
    assert sorted(files) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]
    index = ET.fromstring(files["sitemap.xml"])
    assert index.tag == "{%s}sitemapindex" % NS["s"]
    parts = [e.text for e in index.findall("s:sitemap/s:loc", NS)]
    assert parts == [f"https://u.github.io/kh/sitemap-{n}.xml" for n in (1, 2, 3)]
    listed = []
    for n in (1, 2, 3):
        root = ET.fromstring(files[f"sitemap-{n}.xml"])
        locs = [e.text for e in root.findall("s:url/s:loc", NS)]
        assert 1 <= len(locs) <= 2
        listed += locs
    assert sorted(listed) == sorted("https://u.github.io/kh/" + u for u in urls)  # "&" escaped and read back
