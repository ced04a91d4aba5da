"""Contains all the data models used in inputs/outputs"""

from .agreement_out import AgreementOut
from .claim_comparison import ClaimComparison
from .claim_create import ClaimCreate
from .claim_out import ClaimOut
from .claim_page import ClaimPage
from .claim_status import ClaimStatus
from .comparison import Comparison
from .contradiction_out import ContradictionOut
from .event_create import EventCreate
from .event_out import EventOut
from .event_page import EventPage
from .event_summary import EventSummary
from .event_update import EventUpdate
from .health import Health
from .inline_claim import InlineClaim
from .inline_event import InlineEvent
from .medium import Medium
from .order import Order
from .party_out import PartyOut
from .position_out import PositionOut
from .precision import Precision
from .problem import Problem
from .problem_error import ProblemError
from .read_claim_jsonld_response_200 import ReadClaimJsonldResponse200
from .read_claimreview_response_200 import ReadClaimreviewResponse200
from .read_provenance_response_200 import ReadProvenanceResponse200
from .readiness import Readiness
from .relay_in import RelayIn
from .relay_out import RelayOut
from .relaying_source import RelayingSource
from .retraction import Retraction
from .review_create import ReviewCreate
from .review_mention import ReviewMention
from .review_out import ReviewOut
from .review_page import ReviewPage
from .side_out import SideOut
from .similar_claim import SimilarClaim
from .similar_claims import SimilarClaims
from .similar_scope import SimilarScope
from .source_create import SourceCreate
from .source_kind import SourceKind
from .source_out import SourceOut
from .source_page import SourcePage
from .source_summary import SourceSummary
from .source_update import SourceUpdate
from .stance_in import StanceIn
from .stance_kind import StanceKind
from .stance_out import StanceOut
from .statement_batch import StatementBatch
from .statement_batch_out import StatementBatchOut
from .statement_create import StatementCreate
from .statement_out import StatementOut
from .statement_page import StatementPage
from .status_change import StatusChange
from .status_change_page import StatusChangePage
from .stream_event_response_200 import StreamEventResponse200
from .stream_event_response_200_event import StreamEventResponse200Event
from .thread import Thread
from .timeline import Timeline
from .timeline_item import TimelineItem
from .timeline_stance import TimelineStance
from .validation_problem import ValidationProblem

__all__ = (
    "AgreementOut",
    "ClaimComparison",
    "ClaimCreate",
    "ClaimOut",
    "ClaimPage",
    "ClaimStatus",
    "Comparison",
    "ContradictionOut",
    "EventCreate",
    "EventOut",
    "EventPage",
    "EventSummary",
    "EventUpdate",
    "Health",
    "InlineClaim",
    "InlineEvent",
    "Medium",
    "Order",
    "PartyOut",
    "PositionOut",
    "Precision",
    "Problem",
    "ProblemError",
    "ReadClaimJsonldResponse200",
    "ReadClaimreviewResponse200",
    "Readiness",
    "ReadProvenanceResponse200",
    "RelayIn",
    "RelayingSource",
    "RelayOut",
    "Retraction",
    "ReviewCreate",
    "ReviewMention",
    "ReviewOut",
    "ReviewPage",
    "SideOut",
    "SimilarClaim",
    "SimilarClaims",
    "SimilarScope",
    "SourceCreate",
    "SourceKind",
    "SourceOut",
    "SourcePage",
    "SourceSummary",
    "SourceUpdate",
    "StanceIn",
    "StanceKind",
    "StanceOut",
    "StatementBatch",
    "StatementBatchOut",
    "StatementCreate",
    "StatementOut",
    "StatementPage",
    "StatusChange",
    "StatusChangePage",
    "StreamEventResponse200",
    "StreamEventResponse200Event",
    "Thread",
    "Timeline",
    "TimelineItem",
    "TimelineStance",
    "ValidationProblem",
)
