//! Uploads in Satchel's terms: the parts a file is cut into and the server's upload session.

use satchel_wire::NodePath;

use super::Entry;

/// An open upload session on the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadSession {
    pub path: NodePath,
    pub id: String,
    pub max_part_size: u64,
}

/// What `begin_upload` answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UploadStart {
    /// The content was already stored: the file exists now, nothing to send.
    Deduplicated(Entry),
    /// Send the parts, then confirm.
    Session(UploadSession),
}

/// One part of a file: bytes `start..end`, numbered from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    pub num: u32,
    pub start: u64,
    pub end: u64,
}

impl Part {
    pub fn len(&self) -> u64 {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

/// The parts of a `size`-byte file in `chunk`-byte pieces; an empty file is one empty part.
pub fn plan(size: u64, chunk: u64) -> Vec<Part> {
    let chunk = chunk.max(1);
    if size == 0 {
        return vec![Part {
            num: 1,
            start: 0,
            end: 0,
        }];
    }
    (0..size.div_ceil(chunk))
        .map(|i| Part {
            num: i as u32 + 1,
            start: i * chunk,
            end: ((i + 1) * chunk).min(size),
        })
        .collect()
}

/// How a dialect takes a file's bytes; the upload queue drives whichever it declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadProtocol {
    /// The whole file's MD5 first (the server may already have the bytes), then parts sent in
    /// parallel, each with its own MD5, then a confirm (Cloudike).
    ParallelParts,
    /// The whole file's MD5 first (the server may already have the bytes), then chunks one at a
    /// time in order, then a close (OpenDrive).
    OrderedChunks,
    /// One request with the bytes and the whole file's MD5 (Acronis).
    SingleWithMd5,
    /// One multipart request with the bytes (Anchor).
    SingleMultipart,
}

/// What the queue does for one file under a protocol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadPlan {
    /// Hash the file (whole and per part) before sending anything.
    pub hash: bool,
    /// Open a session before the parts and confirm it after them; else one request.
    pub session: bool,
    /// The byte ranges to send, one request each.
    pub parts: Vec<Part>,
    /// How many parts may be in flight at once.
    pub parallel: usize,
}

impl UploadProtocol {
    /// The plan for a `size`-byte file cut into `chunk`-byte parts, with at most `parallel`
    /// parts in flight where the protocol allows it.
    pub fn plan(self, size: u64, chunk: u64, parallel: usize) -> UploadPlan {
        let (hash, session) = match self {
            UploadProtocol::ParallelParts | UploadProtocol::OrderedChunks => (true, true),
            UploadProtocol::SingleWithMd5 => (true, false),
            UploadProtocol::SingleMultipart => (false, false),
        };
        let parts = if session {
            plan(size, chunk)
        } else {
            plan(size, size.max(1))
        };
        let parallel = match self {
            UploadProtocol::ParallelParts => parallel.max(1),
            _ => 1,
        };
        UploadPlan {
            hash,
            session,
            parts,
            parallel,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_cover_the_file() {
        let p = plan(20, 8);
        assert_eq!(p.len(), 3);
        assert_eq!(
            p[2],
            Part {
                num: 3,
                start: 16,
                end: 20
            }
        );
        assert_eq!(p.iter().map(Part::len).sum::<u64>(), 20);
        assert_eq!(plan(16, 8).len(), 2);
        assert_eq!(
            plan(0, 8),
            vec![Part {
                num: 1,
                start: 0,
                end: 0
            }]
        );
        assert_eq!(
            plan(5, 8),
            vec![Part {
                num: 1,
                start: 0,
                end: 5
            }]
        );
    }

    #[test]
    fn each_protocol_plans_its_transfer() {
        let p = UploadProtocol::ParallelParts.plan(20, 8, 4);
        assert_eq!(
            (p.hash, p.session, p.parts.len(), p.parallel),
            (true, true, 3, 4)
        );
        let p = UploadProtocol::OrderedChunks.plan(20, 8, 4);
        assert_eq!(
            (p.hash, p.session, p.parts.len(), p.parallel),
            (true, true, 3, 1)
        );
        let p = UploadProtocol::SingleWithMd5.plan(20, 8, 4);
        assert_eq!((p.hash, p.session, p.parallel), (true, false, 1));
        assert_eq!(
            p.parts,
            vec![Part {
                num: 1,
                start: 0,
                end: 20
            }]
        );
        let p = UploadProtocol::SingleMultipart.plan(0, 8, 4);
        assert_eq!((p.hash, p.session, p.parallel), (false, false, 1));
        assert_eq!(
            p.parts,
            vec![Part {
                num: 1,
                start: 0,
                end: 0
            }]
        );
    }
}
