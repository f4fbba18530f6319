//! 提案: the member's list (search, filters, paging) and the editor.

mod attachments;
mod edit;
mod list;
mod revisions;
mod timeline;

pub use edit::ProposalEditPage;
pub use list::ProposalsPage;
