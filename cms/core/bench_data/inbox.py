"""The inbox messages that the orders, applications and answers left."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.utils.translation import override

from hub.notifications.models import Message

from .base import (
    BATCH,
    Context,
    chunks,
    insert,
    random_uuid,
)


def inbox_generate(context: Context) -> dict[str, int]:
    """The messages the orders, applications and answers left in the inbox."""
    rng = context.random("inbox")
    base = settings.HUB_BASE_URL.rstrip("/")
    total = 0
    for chunk in chunks(context.inbox, 10 * BATCH):
        messages = []
        for item in chunk:
            language = context.citizen_languages[item.recipient]
            with override(language):
                subject = item.subject()
            read = context.now - item.at > timedelta(days=3) and rng.random() < 0.85
            messages.append(
                Message(
                    uuid=random_uuid(rng),
                    recipient_id=context.citizen_pks[item.recipient],
                    kind=item.kind,
                    subject=subject[:200],
                    body=item.body,
                    url=base + item.path,
                    language=language,
                    dedupe_key=item.key,
                    created_at=item.at,
                    read_at=item.at + timedelta(hours=rng.uniform(0.5, 48))
                    if read
                    else None,
                )
            )
        insert(Message, messages)
        total += len(messages)
    kinds = Counter(item.kind for item in context.inbox)
    return {"messages": total} | {f"{kind} messages": n for kind, n in kinds.items()}
