"""Celery: JSON only, late acks, one message at a time, enqueued after commit.

The embedded default is kombu's filesystem transport under var/celery, so the
demo needs no broker server; CELERY_BROKER_URL switches to Redis or RabbitMQ.
"""

from ..env import VAR_DIR, env

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_QUEUE_DIR = VAR_DIR / "celery" / "queue"
CELERY_PROCESSED_DIR = VAR_DIR / "celery" / "processed"
CELERY_CONTROL_DIR = VAR_DIR / "celery" / "control"
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_QUEUE_DIR),
        "data_folder_out": str(CELERY_QUEUE_DIR),
        "processed_folder": str(CELERY_PROCESSED_DIR),
        # Exchange tables; kombu's default is ./control in the working directory.
        "control_folder": str(CELERY_CONTROL_DIR),
        "store_processed": False,
    }
else:
    # Redis redelivers an unacknowledged message after visibility_timeout; it must
    # be longer than the longest task (hard limit below) and the longest ETA.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 2 * 60 * 60}

CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
# Every task is idempotent, so a message is acknowledged only when the task has
# finished, and re-queued if the worker dies mid-run (Celery's default loses it).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 60
CELERY_TASK_TIME_LIMIT = 120
CELERY_TASK_ALWAYS_EAGER = False
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celery" / "beat-schedule")
# Emergency alerts (and their e-mails and SMS) go to a queue of their own, which
# a dedicated worker consumes, so they never wait behind a large fan-out.
HUB_URGENT_QUEUE = env.str("HUB_CELERY_URGENT_QUEUE", default="urgent")
# Subscribers told per Celery task when a notice is published.
HUB_NOTICE_BATCH_SIZE = env.int("HUB_NOTICE_BATCH_SIZE", default=1000)
# One comment per entry: what runs, and why at that time.
CELERY_BEAT_SCHEDULE = {
    # Forget SMS login codes a day after they expired (keeps the table small).
    "accounts-purge-login-codes": {
        "task": "hub.accounts.tasks.login_code_purge_task",
        "schedule": 60 * 60,
    },
    # Re-read card payments left waiting, in case a Stripe webhook never came.
    "payments-reconcile": {
        "task": "hub.payments.tasks.payment_reconcile_task",
        "schedule": 15 * 60,
    },
    # Card orders nobody paid for hold stock: after 30 minutes, cancel them
    # (their intent first, so a payment made at the last moment still counts).
    "orders-expire-unpaid": {
        "task": "shop.order.tasks.order_unpaid_expire_task",
        "schedule": 5 * 60,
    },
    # Shipments with the post or an express carrier: read their tracking.
    "shipments-track": {
        "task": "hub.couriers.tasks.shipments_track_task",
        "schedule": 30 * 60,
    },
    # Publish pages whose go-live time has come and unpublish expired ones
    # (Wagtail's publish_scheduled), so scheduled notices go out on time.
    "pages-publish-scheduled": {
        "task": "cms.pages.tasks.pages_publish_scheduled_task",
        "schedule": 60,
        "options": {"expires": 55},
    },
    # Applications near (2 working days) or past their legal deadline: tell the
    # officers and the head once. Hourly, so each township's morning is caught
    # whatever its time zone; a flag is set once, so reruns tell nobody twice.
    "applications-flag-deadlines": {
        "task": "townships.applications.tasks.application_deadlines_flag_task",
        "schedule": 60 * 60,
        "options": {"expires": 55 * 60},
    },
    # Questions past their promised first reply or answer: tell the township
    # head once per deadline (a conditional UPDATE makes overlapping runs safe).
    "consultations-escalate-late": {
        "task": "townships.consultations.tasks.consultation_escalate_late_task",
        "schedule": 10 * 60,
        "options": {"expires": 9 * 60},
    },
}
