//! 提案线索: quick notes from village visits, and the drafts made from them.

use crate::domain::clue::Clue;
use crate::domain::proposal::Proposal;

use super::db::Db;
use super::error::Result;
use super::query::{Page, PageCursor, PageQuery};
use super::schema::{indexes, stores};

#[derive(Clone, Debug)]
pub struct ClueStore {
    db: Db,
}

impl ClueStore {
    pub fn new(db: &Db) -> Self {
        ClueStore { db: db.clone() }
    }

    pub async fn save(&self, clue: &Clue) -> Result<()> {
        let tx = self.db.write_tx(&[stores::CLUES])?;
        tx.put(stores::CLUES, clue)?;
        tx.commit().await
    }

    pub async fn get(&self, id: &str) -> Result<Option<Clue>> {
        self.db.read_tx(&[stores::CLUES])?.get(stores::CLUES, id).await
    }

    /// Newest first, a page at a time.
    pub async fn list(&self, after: Option<PageCursor>, limit: u32) -> Result<Page<Clue>> {
        let query = PageQuery::newest_first(indexes::BY_UPDATED).after(after).limit(limit);
        self.db.read_tx(&[stores::CLUES])?.page(stores::CLUES, &query).await
    }

    /// Stores a draft made from a clue and the clue's link to it, together: a clue never
    /// points at a draft that does not exist, nor is a draft made twice by a double tap.
    pub async fn draft_proposal(&self, clue: &Clue, draft: &Proposal) -> Result<()> {
        let tx = self.db.write_tx(&[stores::CLUES, stores::PROPOSALS])?;
        tx.put(stores::CLUES, clue)?;
        tx.add(stores::PROPOSALS, draft)?;
        tx.commit().await
    }
}
