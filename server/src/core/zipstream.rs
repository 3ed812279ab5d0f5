//! A zip writer for streaming: entries are STORED (no compression: most big files are already
//! compressed, and a stored archive costs no CPU), each file is followed by a data descriptor
//! so its CRC-32 never has to be known before its bytes are sent, and ZIP64 records appear
//! only where a size, an offset or the entry count needs them. It writes forward only to any
//! `Write`; memory holds just the central directory (a few dozen bytes per entry).

use std::io::{self, Read, Write};

const LOCAL_SIG: u32 = 0x0403_4b50;
const DESCRIPTOR_SIG: u32 = 0x0807_4b50;
const CENTRAL_SIG: u32 = 0x0201_4b50;
const ZIP64_END_SIG: u32 = 0x0606_4b50;
const ZIP64_LOCATOR_SIG: u32 = 0x0706_4b50;
const END_SIG: u32 = 0x0605_4b50;
/// Bit 3: sizes and CRC follow the data; bit 11: the name is UTF-8.
const FLAG_DESCRIPTOR: u16 = 0x0008;
const FLAG_UTF8: u16 = 0x0800;
/// Made by Unix (so the external attributes carry Unix modes), spec version 4.5 (ZIP64).
const MADE_BY: u16 = (3 << 8) | 45;
const U32_MAX: u64 = 0xFFFF_FFFF;

/// Counts what passes so every record knows its offset.
struct Counting<W> {
    inner: W,
    written: u64,
}

impl<W: Write> Counting<W> {
    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.inner.write_all(bytes)?;
        self.written += bytes.len() as u64;
        Ok(())
    }
}

pub struct ZipWriter<W: Write> {
    out: Counting<W>,
    central: Vec<u8>,
    entries: u64,
    /// Tests set this to exercise the ZIP64 records without writing 4 GiB.
    zip64_threshold: u64,
}

/// (time, date) in MS-DOS format, UTC; before 1980 becomes 1980-01-01.
fn dos_time(ms: i64) -> (u16, u16) {
    let (y, mo, d, h, mi, s) = civil(ms);
    if y < 1980 {
        return (0, (1 << 5) | 1);
    }
    let time = ((h as u16) << 11) | ((mi as u16) << 5) | ((s / 2) as u16);
    let date = (((y - 1980).min(127) as u16) << 9) | ((mo as u16) << 5) | d as u16;
    (time, date)
}

/// Epoch ms → (year, month, day, hour, minute, second), UTC (the days-to-civil algorithm of
/// Howard Hinnant's `chrono`-compatible date library).
pub fn civil(ms: i64) -> (i64, u32, u32, u32, u32, u32) {
    let secs = ms.div_euclid(1000);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (
        y,
        m,
        d,
        (rem / 3600) as u32,
        (rem % 3600 / 60) as u32,
        (rem % 60) as u32,
    )
}

impl<W: Write> ZipWriter<W> {
    pub fn new(inner: W) -> Self {
        Self {
            out: Counting { inner, written: 0 },
            central: Vec::new(),
            entries: 0,
            zip64_threshold: U32_MAX,
        }
    }

    #[cfg(test)]
    fn with_zip64_threshold(inner: W, threshold: u64) -> Self {
        Self {
            zip64_threshold: threshold,
            ..Self::new(inner)
        }
    }

    /// A folder entry; `name` must end with `/`.
    pub fn add_dir(&mut self, name: &str, modified_ms: i64) -> io::Result<()> {
        check_name(name)?;
        let offset = self.out.written;
        let (time, date) = dos_time(modified_ms);
        let mut h = Vec::with_capacity(30 + name.len());
        put32(&mut h, LOCAL_SIG);
        put16(&mut h, 20);
        put16(&mut h, FLAG_UTF8);
        put16(&mut h, 0);
        put16(&mut h, time);
        put16(&mut h, date);
        put32(&mut h, 0);
        put32(&mut h, 0);
        put32(&mut h, 0);
        put16(&mut h, name.len() as u16);
        put16(&mut h, 0);
        h.extend_from_slice(name.as_bytes());
        self.out.put(&h)?;
        self.central_record(
            name,
            FLAG_UTF8,
            time,
            date,
            0,
            0,
            offset,
            (0o40755 << 16) | 0x10,
            20,
        );
        Ok(())
    }

    /// A file entry: copies `size` bytes from `data` (fewer or more is an error: the announced
    /// size chose the record format).
    pub fn add_file(
        &mut self,
        name: &str,
        modified_ms: i64,
        size: u64,
        mut data: impl Read,
    ) -> io::Result<()> {
        check_name(name)?;
        let offset = self.out.written;
        let zip64 = size >= self.zip64_threshold;
        let needed = if zip64 { 45 } else { 20 };
        let flags = FLAG_UTF8 | FLAG_DESCRIPTOR;
        let (time, date) = dos_time(modified_ms);
        let mut h = Vec::with_capacity(50 + name.len());
        put32(&mut h, LOCAL_SIG);
        put16(&mut h, needed);
        put16(&mut h, flags);
        put16(&mut h, 0);
        put16(&mut h, time);
        put16(&mut h, date);
        put32(&mut h, 0);
        // With a descriptor the sizes here are zero; ZIP64 marks them and carries zeros too.
        let marker = if zip64 { U32_MAX as u32 } else { 0 };
        put32(&mut h, marker);
        put32(&mut h, marker);
        put16(&mut h, name.len() as u16);
        put16(&mut h, if zip64 { 20 } else { 0 });
        h.extend_from_slice(name.as_bytes());
        if zip64 {
            put16(&mut h, 0x0001);
            put16(&mut h, 16);
            put64(&mut h, 0);
            put64(&mut h, 0);
        }
        self.out.put(&h)?;

        let mut crc = crc32fast::Hasher::new();
        let mut copied = 0u64;
        let mut buf = vec![0u8; 256 * 1024];
        loop {
            let n = data.read(&mut buf)?;
            if n == 0 {
                break;
            }
            crc.update(&buf[..n]);
            self.out.put(&buf[..n])?;
            copied += n as u64;
        }
        if copied != size {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("{name}: {copied} bytes read, {size} expected"),
            ));
        }
        let crc = crc.finalize();
        let mut d = Vec::with_capacity(24);
        put32(&mut d, DESCRIPTOR_SIG);
        put32(&mut d, crc);
        if zip64 {
            put64(&mut d, size);
            put64(&mut d, size);
        } else {
            put32(&mut d, size as u32);
            put32(&mut d, size as u32);
        }
        self.out.put(&d)?;
        self.central_record(
            name,
            flags,
            time,
            date,
            crc,
            size,
            offset,
            0o100644 << 16,
            needed,
        );
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn central_record(
        &mut self,
        name: &str,
        flags: u16,
        time: u16,
        date: u16,
        crc: u32,
        size: u64,
        offset: u64,
        attrs: u32,
        needed: u16,
    ) {
        let big_size = size >= self.zip64_threshold;
        let big_offset = offset >= self.zip64_threshold;
        let mut extra = Vec::new();
        if big_size || big_offset {
            put16(&mut extra, 0x0001);
            let len = if big_size { 16 } else { 0 } + if big_offset { 8 } else { 0 };
            put16(&mut extra, len);
            if big_size {
                put64(&mut extra, size);
                put64(&mut extra, size);
            }
            if big_offset {
                put64(&mut extra, offset);
            }
        }
        let c = &mut self.central;
        put32(c, CENTRAL_SIG);
        put16(c, MADE_BY);
        put16(c, if extra.is_empty() { needed } else { 45 });
        put16(c, flags);
        put16(c, 0);
        put16(c, time);
        put16(c, date);
        put32(c, crc);
        let shown = if big_size { U32_MAX } else { size } as u32;
        put32(c, shown);
        put32(c, shown);
        put16(c, name.len() as u16);
        put16(c, extra.len() as u16);
        put16(c, 0);
        put16(c, 0);
        put16(c, 0);
        put32(c, attrs);
        put32(c, if big_offset { U32_MAX } else { offset } as u32);
        c.extend_from_slice(name.as_bytes());
        c.extend_from_slice(&extra);
        self.entries += 1;
    }

    /// Write the central directory and the end records; answers the sink.
    pub fn finish(mut self) -> io::Result<W> {
        let start = self.out.written;
        let central = std::mem::take(&mut self.central);
        self.out.put(&central)?;
        let size = central.len() as u64;
        let mut e = Vec::with_capacity(98);
        let zip64 =
            self.entries >= 0xFFFF || size >= self.zip64_threshold || start >= self.zip64_threshold;
        if zip64 {
            let end64 = start + size;
            put32(&mut e, ZIP64_END_SIG);
            put64(&mut e, 44);
            put16(&mut e, MADE_BY);
            put16(&mut e, 45);
            put32(&mut e, 0);
            put32(&mut e, 0);
            put64(&mut e, self.entries);
            put64(&mut e, self.entries);
            put64(&mut e, size);
            put64(&mut e, start);
            put32(&mut e, ZIP64_LOCATOR_SIG);
            put32(&mut e, 0);
            put64(&mut e, end64);
            put32(&mut e, 1);
        }
        let count = if zip64 { 0xFFFF } else { self.entries as u16 };
        put32(&mut e, END_SIG);
        put16(&mut e, 0);
        put16(&mut e, 0);
        put16(&mut e, count);
        put16(&mut e, count);
        put32(&mut e, if zip64 { U32_MAX } else { size } as u32);
        put32(&mut e, if zip64 { U32_MAX } else { start } as u32);
        put16(&mut e, 0);
        self.out.put(&e)?;
        self.out.inner.flush()?;
        Ok(self.out.inner)
    }
}

/// The exact length [`ZipWriter`] produces for these entries (a name, and `None` for a folder
/// or a file's size), so a response can announce `Content-Length` before the first byte.
pub fn archive_len<'a>(entries: impl IntoIterator<Item = (&'a str, Option<u64>)>) -> u64 {
    archive_len_with(entries, U32_MAX)
}

/// Mirrors every record [`ZipWriter`] writes; the tests hold the two together.
fn archive_len_with<'a>(
    entries: impl IntoIterator<Item = (&'a str, Option<u64>)>,
    threshold: u64,
) -> u64 {
    let (mut offset, mut central, mut count) = (0u64, 0u64, 0u64);
    for (name, size) in entries {
        let n = name.len() as u64;
        let (record, big_size) = match size {
            None => (30 + n, false),
            Some(size) if size >= threshold => (30 + n + 20 + size + 24, true),
            Some(size) => (30 + n + size + 16, false),
        };
        let big_offset = offset >= threshold;
        let extra = if big_size || big_offset {
            4 + if big_size { 16 } else { 0 } + if big_offset { 8 } else { 0 }
        } else {
            0
        };
        central += 46 + n + extra;
        offset += record;
        count += 1;
    }
    let zip64 = count >= 0xFFFF || central >= threshold || offset >= threshold;
    offset + central + 22 + if zip64 { 56 + 20 } else { 0 }
}

/// A name's length is a 16-bit field; a longer one would corrupt the archive. A name that an
/// unzip tool could place outside its target folder (a leading `/`, a `..` segment, or a `\`,
/// which Windows tools read as a separator) is refused: callers make names safe first
/// (`archive::zip_segment`), this is the last gate.
fn check_name(name: &str) -> io::Result<()> {
    if name.starts_with('/') || name.contains('\\') || name.split('/').any(|s| s == "..") {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "a path in the archive could leave the folder it is unpacked into",
        ));
    }
    if name.len() > usize::from(u16::MAX) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "a path in the archive is longer than 65,535 bytes",
        ));
    }
    Ok(())
}

fn put16(v: &mut Vec<u8>, x: u16) {
    v.extend_from_slice(&x.to_le_bytes());
}
fn put32(v: &mut Vec<u8>, x: u32) {
    v.extend_from_slice(&x.to_le_bytes());
}
fn put64(v: &mut Vec<u8>, x: u64) {
    v.extend_from_slice(&x.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil(0), (1970, 1, 1, 0, 0, 0));
        // 2024-02-29T23:59:58Z
        assert_eq!(civil(1_709_251_198_000), (2024, 2, 29, 23, 59, 58));
        assert_eq!(dos_time(0), (0, 33));
    }

    #[test]
    fn predicted_length_matches() {
        for threshold in [U32_MAX, 4, 40] {
            let mut z = ZipWriter::with_zip64_threshold(Vec::new(), threshold);
            z.add_dir("d/", 0).unwrap();
            z.add_file("d/a", 0, 3, &b"abc"[..]).unwrap();
            z.add_file("d/é.txt", 0, 0, &b""[..]).unwrap();
            z.add_file("big", 0, 50, &[7u8; 50][..]).unwrap();
            let out = z.finish().unwrap();
            let entries = [
                ("d/", None),
                ("d/a", Some(3)),
                ("d/é.txt", Some(0)),
                ("big", Some(50)),
            ];
            assert_eq!(
                archive_len_with(entries, threshold),
                out.len() as u64,
                "{threshold}"
            );
        }
        assert_eq!(archive_len([]), 22);
    }

    #[test]
    fn empty_archive_is_just_the_end_record() {
        let out = ZipWriter::new(Vec::new()).finish().unwrap();
        assert_eq!(out.len(), 22);
        assert_eq!(&out[..4], &END_SIG.to_le_bytes());
    }

    #[test]
    fn short_data_is_an_error() {
        let mut z = ZipWriter::new(Vec::new());
        assert!(z.add_file("a", 0, 5, &b"abc"[..]).is_err());
    }

    /// ZIP64 sizes, offsets and end records, as a standard reader sees them.
    #[test]
    fn zip64_archive_reads_back() {
        use std::io::Read;
        let mut z = ZipWriter::with_zip64_threshold(Vec::new(), 4);
        z.add_dir("d/", 0).unwrap();
        z.add_file("d/big.bin", 1_709_251_198_000, 6, &b"abcdef"[..])
            .unwrap();
        z.add_file("d/small", 0, 2, &b"xy"[..]).unwrap();
        let out = z.finish().unwrap();
        let mut r = zip::ZipArchive::new(std::io::Cursor::new(out)).unwrap();
        assert_eq!(r.len(), 3);
        assert!(r.by_index(0).unwrap().is_dir());
        for (i, want) in [(1, &b"abcdef"[..]), (2, &b"xy"[..])] {
            let mut f = r.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            assert_eq!(data, want);
        }
    }

    /// With the threshold lowered every record takes its ZIP64 form; the layout is checked by
    /// hand (the `zip` crate reading it back is in the HTTP tests).
    #[test]
    fn zip64_records_when_needed() {
        let mut z = ZipWriter::with_zip64_threshold(Vec::new(), 4);
        z.add_file("big.bin", 0, 6, &b"abcdef"[..]).unwrap();
        let out = z.finish().unwrap();
        // Local header: sizes marked 0xFFFFFFFF and a 20-byte ZIP64 extra.
        assert_eq!(&out[18..26], &[0xFF; 8]);
        assert_eq!(u16::from_le_bytes([out[28], out[29]]), 20);
        // Data descriptor after the data has 8-byte sizes.
        let data_end = 30 + 7 + 20 + 6;
        assert_eq!(&out[data_end..data_end + 4], &DESCRIPTOR_SIG.to_le_bytes());
        assert_eq!(
            u64::from_le_bytes(out[data_end + 8..data_end + 16].try_into().unwrap()),
            6
        );
        // ZIP64 end record and locator precede the classic end record.
        let tail = &out[out.len() - 22 - 20 - 56..];
        assert_eq!(&tail[..4], &ZIP64_END_SIG.to_le_bytes());
        assert_eq!(&tail[56..60], &ZIP64_LOCATOR_SIG.to_le_bytes());
    }
}
