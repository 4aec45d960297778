"""Read Markdown with YAML front matter, as Hugo does, so both peers build the very
same files. Pelican's own Markdown reader takes `Key: value` lines only."""
import yaml
from markdown import Markdown
from pelican import signals
from pelican.readers import MarkdownReader


class YamlMarkdownReader(MarkdownReader):
    def read(self, source_path):
        with open(source_path, encoding="utf-8") as f:
            text = f.read()
        meta = {}
        if text.startswith("---\n"):
            head, _, text = text[4:].partition("\n---\n")
            meta = yaml.safe_load(head) or {}
        settings = dict(self.settings["MARKDOWN"])
        settings["extensions"] = [e for e in settings.get("extensions", [])
                                  if e != "markdown.extensions.meta"]
        content = Markdown(**settings).convert(text)
        metadata = {name.lower(): self.process_metadata(
            name.lower(), value if isinstance(value, list) else str(value))
            for name, value in meta.items()}
        return content, metadata


def add_reader(readers):
    for ext in YamlMarkdownReader.file_extensions:
        readers.reader_classes[ext] = YamlMarkdownReader


def register():
    signals.readers_init.connect(add_reader)
