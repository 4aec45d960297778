# Pelican settings for the benchmark: a minimal theme (theme/) writing the same kinds
# of pages as the Hugo peer -- one per article, per author and per tag, the index and
# the tag and author lists -- 100 articles a page like scogen's listings, with Atom
# feeds for the whole site, each author and each tag (scogen writes those too).
from pathlib import Path

AUTHOR = "bench"
SITENAME = "SCO Interview Archive (Pelican)"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
THEME = str(Path(__file__).resolve().parent / "theme")
DEFAULT_PAGINATION = 100
RELATIVE_URLS = True
DIRECT_TEMPLATES = ["index", "tags", "authors"]
ARTICLE_SAVE_AS = "{slug}/index.html"
ARTICLE_URL = "{slug}/"
AUTHOR_URL, AUTHOR_SAVE_AS = "authors/{slug}/", "authors/{slug}/index.html"
TAG_URL, TAG_SAVE_AS = "tags/{slug}/", "tags/{slug}/index.html"
TAGS_SAVE_AS, AUTHORS_SAVE_AS = "tags/index.html", "authors/index.html"
PAGINATION_PATTERNS = ((1, "{url}", "{save_as}"),
                       (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"))
CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = ARCHIVES_SAVE_AS = ""
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = "feeds/author-{slug}.atom.xml"
TAG_FEED_ATOM = "feeds/tag-{slug}.atom.xml"
DELETE_OUTPUT_DIRECTORY = True
LOAD_CONTENT_CACHE = False
CACHE_CONTENT = False
MARKDOWN = {"extension_configs": {"markdown.extensions.extra": {}}, "output_format": "html5"}
PLUGIN_PATHS = [str(Path(__file__).resolve().parent / "plugins")]
PLUGINS = ["yaml_front_matter"]
