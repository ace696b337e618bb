"""J4: staff draft and submit a township page, the township's head approves."""

import pytest
from wagtail.models import Workflow, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.pages.constants import NoticeCategory
from cms.pages.models import NoticePage, TownshipHomePage
from cms.pages.services import township_site_provision
from tests.factories.accounts import UserFactory
from tests.factories.cms import notice_add, notice_index_add
from townships.core.constants import MembershipRole
from townships.core.services import membership_grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(township):
    user = UserFactory()
    membership_grant(user=user, township=township, role=MembershipRole.STAFF)
    return user


@pytest.fixture
def head(township):
    user = UserFactory()
    membership_grant(user=user, township=township, role=MembershipRole.HEAD)
    return user


@pytest.fixture
def draft(township, staff) -> NoticePage:
    index = notice_index_add(home=TownshipHomePage.objects.get(township=township))
    notice = notice_add(index=index, title="Flood warning", publish=False)
    notice.save_revision(user=staff)
    return notice


def _submit(page: NoticePage, user) -> WorkflowState:
    workflow = page.get_workflow()
    return workflow.start(page, user)


def test_township_pages_use_the_head_approval_workflow(township, draft):
    # then
    workflow = draft.get_workflow()
    assert workflow.name == "xiaoyudong: head approval"
    task = workflow.tasks.get().specific
    assert set(task.groups.all()) == {township.heads_group}


def test_provisioning_twice_keeps_one_workflow(township):
    # when
    township_site_provision(township=township)
    # then
    workflow = Workflow.objects.get(name="xiaoyudong: head approval")
    assert workflow.tasks.count() == 1
    assert workflow.workflow_pages.get().page.specific.township == township


def test_staff_cannot_publish(client, staff, draft):
    # then
    assert draft.permissions_for_user(staff).can_edit()
    assert not draft.permissions_for_user(staff).can_publish()
    # when: staff post the publish action of the admin's edit view
    client.force_login(staff)
    data = nested_form_data(
        {
            "title": "Flood warning",
            "slug": draft.slug,
            "category": NoticeCategory.EMERGENCY_ALERT,
            "summary": "Move to higher ground",
            "body": streamfield([]),
            "attachments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    response = client.post(f"/cms/pages/{draft.pk}/edit/", data)
    # then: saved as a draft, not published
    assert response.status_code == 302
    draft.refresh_from_db()
    assert not draft.live
    assert draft.get_latest_revision_as_object().summary == "Move to higher ground"


def test_head_approves_and_the_page_goes_live(staff, head, draft):
    # given
    state = _submit(draft, staff)
    task_state = state.current_task_state
    # when
    task_state.task.specific.on_action(task_state, head, "approve")
    # then
    draft.refresh_from_db()
    assert draft.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


def test_head_rejects_and_the_page_stays_a_draft(staff, head, draft):
    # given
    state = _submit(draft, staff)
    task_state = state.current_task_state
    # when
    task_state.task.specific.on_action(task_state, head, "reject")
    # then
    draft.refresh_from_db()
    assert not draft.live
    assert draft.has_unpublished_changes
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES


def test_staff_cannot_approve_their_own_submission(staff, draft):
    # given
    state = _submit(draft, staff)
    task = state.current_task_state.task.specific
    # then
    assert task.get_actions(draft, staff) == []


def test_head_of_another_township_cannot_approve(staff, draft, other_township):
    # given
    other_head = UserFactory()
    membership_grant(user=other_head, township=other_township, role=MembershipRole.HEAD)
    state = _submit(draft, staff)
    task_state = state.current_task_state
    task = task_state.task.specific
    # then
    assert task.get_actions(draft, other_head) == []
    assert not draft.permissions_for_user(other_head).can_publish()
    draft.refresh_from_db()
    assert not draft.live
