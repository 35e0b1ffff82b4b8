"""The language model client: its configuration, read once from settings, and the words for
its failures.

The API key is read from settings only (never from OPENAI_API_KEY or similar, which could send
a developer's key to an arbitrary server) and never appears in anything this module writes.
No retries and a hard timeout: a dead endpoint must fall back to the offline answer quickly.
Temperature 0, so the same sources give the same answer. The reply is bounded in tokens the way
each server honours it: ``max_tokens`` in the request body for OpenAI-compatible servers
(``ChatOpenAI(max_tokens=…)`` sends ``max_completion_tokens``, which llama.cpp's server
ignores, so a model that never stops would run to its context limit), ``num_predict`` and
``num_ctx`` for Ollama (whose default context silently truncates a longer prompt).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.output_parsers import StrOutputParser
from langchain_core.runnables import Runnable

from assistant.answers.prompt import ANSWER_PROMPT
from assistant.errors import LLMUnavailable
from assistant.settings import Settings

FALLBACK = "showing the offline answer instead."


@dataclass(frozen=True)
class LLMConfig:
    """Where the model is and what it is called, as configured (``TREATY_LLM_*``)."""

    provider: str
    base_url: str
    model: str
    timeout: float
    api_key: str | None = None
    context: int = 4096  # tokens the model's context holds: the prompt is sized to it
    max_tokens: int = 400  # most tokens one reply may have

    @classmethod
    def from_settings(cls, settings: Settings) -> LLMConfig | None:
        """The configuration, None when no provider is set, or LLMUnavailable naming what
        is missing."""
        provider = settings.llm_provider
        if provider is None:
            return None
        if not settings.llm_base_url:
            raise LLMUnavailable(
                f"TREATY_LLM_PROVIDER is '{provider}' but TREATY_LLM_BASE_URL is not set; set "
                "it to the server's address, e.g. http://127.0.0.1:8080/v1 (OpenAI-compatible) "
                "or http://127.0.0.1:11434 (Ollama), or unset TREATY_LLM_PROVIDER"
            )
        if not settings.llm_model:
            raise LLMUnavailable(
                f"TREATY_LLM_PROVIDER is '{provider}' but TREATY_LLM_MODEL is not set; set it "
                "to a model name the server knows, or unset TREATY_LLM_PROVIDER"
            )
        key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
        return cls(
            provider,
            settings.llm_base_url,
            settings.llm_model,
            settings.llm_timeout,
            key,
            context=settings.llm_context,
            max_tokens=settings.llm_max_tokens,
        )

    @property
    def endpoint(self) -> str:
        """The server's address without any user:password part, fit to be shown."""
        parts = urlsplit(self.base_url)
        if parts.username or parts.password:
            host = parts.hostname or ""
            parts = parts._replace(netloc=f"{host}:{parts.port}" if parts.port else host)
        return urlunsplit(parts)

    def chat_model(self) -> BaseChatModel:
        if self.provider == "openai":
            from langchain_openai import ChatOpenAI

            return ChatOpenAI(
                base_url=self.base_url,
                # Local servers need no key; a placeholder stops the client from reading
                # OPENAI_API_KEY from the environment and sending it to this server.
                api_key=self.api_key or "unused",
                model=self.model,
                timeout=self.timeout,
                max_retries=0,
                temperature=0,
                # In the body as ``max_tokens``: the one name llama.cpp's server honours.
                extra_body={"max_tokens": self.max_tokens},
            )
        from langchain_ollama import ChatOllama

        client_kwargs: dict = {"timeout": self.timeout}
        if self.api_key:
            client_kwargs["headers"] = {"Authorization": f"Bearer {self.api_key}"}
        return ChatOllama(
            base_url=self.base_url,
            model=self.model,
            temperature=0,
            num_ctx=self.context,
            num_predict=self.max_tokens,
            client_kwargs=client_kwargs,
        )


@dataclass(frozen=True)
class LanguageModel:
    """A configured model and the LCEL chain that asks it: prompt | model | text."""

    config: LLMConfig
    chat: BaseChatModel

    @property
    def chain(self) -> Runnable:
        return (ANSWER_PROMPT | self.chat | StrOutputParser()).with_config(
            run_name="GenerateAnswer"
        )

    def redact(self, text: str) -> str:
        """Belt and braces: a server that echoes the key back must not get it shown."""
        key = self.config.api_key
        return text.replace(key, "[redacted]") if key else text

    def failure(self, exc: BaseException) -> str:
        """Why the model failed, in words: no traceback, no response body, no key."""
        import httpx
        import openai

        where = f"The language model at {self.config.endpoint}"
        status = getattr(exc, "status_code", None)
        if isinstance(exc, openai.APITimeoutError | httpx.TimeoutException | TimeoutError):
            return (
                f"{where} could not be reached (timeout after {self.config.timeout:g} s); "
                f"{FALLBACK}"
            )
        if isinstance(exc, openai.APIConnectionError | httpx.TransportError | ConnectionError):
            return f"{where} could not be reached (connection failed); {FALLBACK}"
        if isinstance(status, int):
            return f"{where} returned an error (HTTP {status}); {FALLBACK}"
        return f"{where} gave an unusable response ({type(exc).__name__}); {FALLBACK}"


def language_model(settings: Settings) -> LanguageModel | None:
    """The configured model, or None when none is configured (offline mode)."""
    config = LLMConfig.from_settings(settings)
    return LanguageModel(config, config.chat_model()) if config else None
