//! Uploads in Satchel's terms: the parts a file is cut into and the server's upload session.

use satchel_wire::NodePath;

use super::Entry;

/// An open upload session on the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadSession {
    pub path: NodePath,
    pub id: String,
    pub max_part_size: u64,
    /// The server takes the parts one at a time, in order.
    pub sequential: bool,
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
}
