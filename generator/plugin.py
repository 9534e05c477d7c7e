"""A thin MkDocs plugin: build the model from the seeds folder and add its pages in memory.

Nothing is written into `docs/` (that would make `mkdocs serve` rebuild in a
loop); generated pages are `File.generated` objects that MkDocs renders and
copies like any other page. The data files and pictures are written to a
temporary folder MkDocs copies them from, so they are not held in memory.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from jinja2 import ChoiceLoader, DictLoader, PrefixLoader
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_relative_url

from generator.cache import prune
from generator.dating import article_date, build_day
from generator.executor import make_executor
from generator.pipeline import BuildConfig, SiteModel, build_model, read_anchor_files
from generator.render import TEMPLATES, PageParts, render_parts
from generator.storycache import CACHED_TEMPLATE, StoryPages, ThemedPages

log = logging.getLogger("mkdocs.plugins.parallax")
# What MkDocs gets as a generated page's Markdown body; the page's HTML replaces it after Markdown ran,
# so neither Python-Markdown nor the search plugin parses megabytes of HTML it cannot use.
PLACEHOLDER = "<!-- parallax: page content -->"


class ParallaxConfig(base.Config):
    seeds = c.Type(str, default="seeds")
    cache_dir = c.Optional(c.Type(str))
    anchors_lock = c.Optional(c.Type(str))
    previous_site = c.Optional(c.Type(str))
    max_bytes = c.Type(int, default=5_000_000)
    workers = c.Type(int, default=0)
    dask_scheduler = c.Optional(c.Type(str))


class ParallaxPlugin(BasePlugin[ParallaxConfig]):
    """Adds the home, story, source and names pages and the data files to the site."""

    def __init__(self) -> None:
        self.model: SiteModel | None = None
        self._previous_anchors: tuple[dict, ...] = ()
        self._pages: dict[str, PageParts] = {}
        self._themed: ThemedPages | None = None
        self._story_pages: StoryPages | None = None
        self._cache: Path | None = None
        self._nav = None
        self._staging: Path | None = None

    def _path(self, config, value: str | None) -> Path | None:
        if not value:
            return None
        path = Path(value)
        return path if path.is_absolute() else Path(config.config_file_path).parent / path

    def on_pre_build(self, config) -> None:
        """Remember where earlier builds published their anchors, before MkDocs cleans the site folder."""
        previous_site = self._path(config, self.config.previous_site) or Path(config.site_dir)
        lock = self._path(config, self.config.anchors_lock)
        self._previous_anchors = read_anchor_files(p for p in (previous_site / "data" / "anchors.json", lock) if p)

    def on_files(self, files: Files, config) -> Files:
        cache = self._path(config, self.config.cache_dir)
        # The earlier anchors files (10 MB of JSON at 1,000 articles) are read into the model's anchor book and
        # let go, not kept while pages are drawn.
        build = BuildConfig(
            seeds=self._path(config, self.config.seeds),
            cache_dir=cache,
            max_bytes=self.config.max_bytes,
            previous_anchors=self._previous_anchors,
            workers=self.config.workers,
            dask_scheduler=self.config.dask_scheduler,
        )
        self._previous_anchors = ()
        # The workers that parsed render next (their start is paid once); rendering stays on this machine, even
        # when a cluster parsed.
        executor = make_executor(self.config.workers, self.config.dask_scheduler)
        try:
            self.model = build_model(build, executor)
            build = dataclasses.replace(build, previous_anchors=())
            if self.config.dask_scheduler:
                executor.close()
                executor = make_executor(self.config.workers)
            self._warn_about(self.model, build, config)
            self._cache, self._story_pages = cache, StoryPages(cache)
            self._remove_staging()
            self._staging = Path(tempfile.mkdtemp(prefix="parallax-files-"))
            pages, other = render_parts(
                self.model, config.site_url, cache=self._story_pages, executor=executor, staging=self._staging
            )
        finally:
            executor.close()
        self._pages = pages
        self._themed = ThemedPages(cache, config)
        generated = {path: page.front_matter() + PLACEHOLDER + "\n" for path, page in pages.items()}
        for path, content in sorted({**generated, **other}.items()):
            existing = files.get_file_from_path(path)
            if existing is not None:
                log.warning("generated page %s replaces a file of the same name in docs/", path)
                files.remove(existing)
            hidden = path.startswith("sources/") or path.endswith("/cite.md")  # reached from story pages
            inclusion = InclusionLevel.NOT_IN_NAV if hidden else InclusionLevel.UNDEFINED
            if isinstance(content, Path):
                files.append(File.generated(config, path, abs_src_path=str(content), inclusion=inclusion))
            else:
                files.append(File.generated(config, path, content=content, inclusion=inclusion))
        return files

    @staticmethod
    def _warn_about(model: SiteModel, build: BuildConfig, config) -> None:
        """What the reader of the build's log must know of the model; a corpus with no readable article stops."""
        for problem in model.problems:
            log.warning("%s", problem)
        if not any(story.sources for story in model.stories):
            raise PluginError(f"{build.seeds}: no readable articles, so no site was built")
        _pin_build_date(model)
        undated = [story.id for story in model.stories if story.sources and not any(map(article_date, story.sources))]
        if undated:
            log.warning(
                "%d stories have no dated article (%s): their citations are dated by the build, %s"
                " (set SOURCE_DATE_EPOCH, or give the articles a published date, for byte-identical rebuilds)",
                len(undated),
                ", ".join(undated[:3]) + (", ..." if len(undated) > 3 else ""),
                build_day(),
            )
        if not config.site_url:
            log.warning("no site_url configured: citations carry site-relative links (set site_url or --site-url)")

    def _remove_staging(self) -> None:
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)
            self._staging = None

    def on_build_error(self, error: Exception) -> None:
        self._remove_staging()

    def on_nav(self, nav, config, files):
        self._nav = nav  # digested in on_env, once every page has read its title
        return nav

    def on_page_content(self, html: str, page, config, files) -> str:
        """A generated page's content, as search should see it (a story page: its facts, not the articles).

        A page out of the index keeps the placeholder: nothing reads it before `on_page_context` puts the
        HTML in place, and a page whose themed HTML is cached never needs its own HTML read back.
        """
        parts = self._pages.get(page.file.src_uri)
        if parts is None or PLACEHOLDER not in html or parts.search_html is None:
            return html
        return parts.search_html

    def on_env(self, env, config, files):
        """A stand-in template for pages whose themed HTML is cached: rendering it costs nothing.

        Looked up here, once every page has its title (a page's footer names its neighbours).
        """
        stand_ins = {CACHED_TEMPLATE: "-"}
        if self._nav is not None and config.theme.name == "material":
            env.globals[SharedNav.GLOBAL] = SharedNav(self._nav, config.extra.get("homepage"))  # fresh each build
            stand_ins[SharedNav.TEMPLATE] = SharedNav.WRAPPER
        theme = env.loader
        env.loader = ChoiceLoader([DictLoader(stand_ins), PrefixLoader({SharedNav.THEME: theme}, ":"), theme])
        if self._themed is not None and self._nav is not None:
            self._themed.set_nav(self._nav)
            for file in files.documentation_pages():
                parts = self._pages.get(file.src_uri)
                if parts is not None and file.page is not None:
                    self._themed.look_up(file.page, parts)
            self._wrap_search(config)
        return env

    def _wrap_search(self, config) -> None:
        """The search plugin indexes a cached page from the entries it gave last time, not by parsing it again."""
        events = config.plugins.events["page_context"]
        for i, method in enumerate(events):
            owner = getattr(method, "__self__", None)
            if not hasattr(owner, "search_index") or getattr(method, "parallax_cached", False):
                continue

            def indexing(context, *, page, config, nav, _owner=owner, _method=method):
                entries = _owner.search_index.entries  # the index of this build (a rebuild makes a new one)
                themed = self._themed if page.file.src_uri in self._pages else None
                cached = themed.search_entries(page) if themed is not None else None
                if cached is not None:
                    entries.extend(cached)
                    return context
                before = len(entries)
                context = _method(context, page=page, config=config, nav=nav)
                if themed is not None:
                    themed.keep_search_entries(page, _owner.search_index.entries[before:])
                return context

            indexing.parallax_cached = True
            events[i] = indexing

    @event_priority(-100)  # after the search plugin has indexed the page
    def on_page_context(self, context, page, config, nav):
        """Put the generated page's full HTML in place for the theme to render."""
        parts = self._pages.get(page.file.src_uri)
        if parts is not None and not (self._themed is not None and self._themed.cached(page)):
            page.content = parts.block()
        return context

    @event_priority(-100)  # after every other plugin changed the page
    def on_post_page(self, output: str, page, config) -> str:
        """The page as the theme made it: from the cache on a hit, else put there; then its HTML is let go."""
        if self._pages.pop(page.file.src_uri, None) is None or self._themed is None:
            return output
        page.content = None  # written out: keep memory to the pages in flight, not the whole site
        return self._themed.output(page, output)

    def on_post_build(self, config) -> None:
        """The build succeeded: delete the cache entries it did not use (removed stories, edited articles, old
        keys), so the cache holds one build's worth. A cache that failed to write mid-build is left as it is."""
        self._remove_staging()  # its files are copied into the site
        caches = (self._story_pages, self._themed)
        if self._cache is None or self.model is None or any(c is None or c.folder is None for c in caches):
            return
        used = self.model.cache_used | self._story_pages.used | self._themed.used
        removed = prune(self._cache, used)
        if removed:
            log.debug("%s: %d cache entries no longer used were removed", self._cache, removed)

    def on_serve(self, server, config, builder):
        """`mkdocs serve` rebuilds when an article or a template changes."""
        seeds = self._path(config, self.config.seeds)
        if seeds and seeds.is_dir():
            server.watch(str(seeds))
        server.watch(str(TEMPLATES))
        return server


class SharedNav:
    """Material's navigation drawn once for all the pages that are not in it (the articles' pages).

    Material draws the whole navigation, every story listed, on every page: the largest part of
    rendering a site with many articles. A page outside the navigation marks no entry as its own,
    so its navigation differs from another such page's only in the relative links, which are the
    same for pages at the same distance from the root when no entry lies in the page's top folder.
    Such pages share one drawing; every other page is drawn as the theme would.
    """

    TEMPLATE = "partials/nav.html"
    THEME = "parallax-theme"  # the theme's own templates, under this prefix
    GLOBAL = "parallax_shared_nav"
    WRAPPER = f'{{% call {GLOBAL}(page) %}}{{% include "{THEME}:{TEMPLATE}" %}}{{% endcall %}}'

    def __init__(self, nav, homepage: str | None = None) -> None:
        self._own = {id(page) for page in nav.pages}
        urls = [*_nav_urls(nav.items), homepage or ""]
        self._top_folders = {url.split("/", 1)[0] for url in urls}
        self._drawn: dict[str, str] = {}

    def __call__(self, page, caller) -> str:
        if page is None or id(page) in self._own or page.url.split("/", 1)[0] in self._top_folders:
            return caller()
        to_root = get_relative_url("", page.url)
        if to_root not in self._drawn:
            self._drawn[to_root] = caller()
        return self._drawn[to_root]


def _nav_urls(items) -> list[str]:
    """Every address the navigation links to (pages, links and what sections hold)."""
    urls = []
    for item in items:
        if getattr(item, "url", None) is not None:
            urls.append(item.url)
        urls.extend(_nav_urls(getattr(item, "children", None) or []))
    return urls


_pinned_epoch: str | None = None  # the SOURCE_DATE_EPOCH this process set itself, so a rebuild may move it


def _pin_build_date(model: SiteModel) -> None:
    """Date the build by its newest article, not the clock, so rebuilds are byte-identical.

    MkDocs stamps the sitemap with SOURCE_DATE_EPOCH when it is set; a value set
    by whoever runs the build is respected. One this plugin set for an earlier
    build (`mkdocs serve` rebuilds in one process) follows the articles.
    """
    global _pinned_epoch
    if os.environ.get("SOURCE_DATE_EPOCH", _pinned_epoch) != _pinned_epoch:
        return
    dates = [d for story in model.stories for s in story.sources if (d := article_date(s))]
    newest = max(dates) if dates else datetime.now(UTC).date()  # undated articles: the day of the build
    _pinned_epoch = str(int(datetime(newest.year, newest.month, newest.day, tzinfo=UTC).timestamp()))
    os.environ["SOURCE_DATE_EPOCH"] = _pinned_epoch
