//! Cloudike: public links, the owner's side and the recipient's ([`LinksApi`]).

use async_trait::async_trait;

use super::*;

/// The header carrying a public link's password.
const LINK_PASSWORD_HEADER: &str = "Link-Password";

fn link_from(origin: &str, l: wire::PublicLink) -> Result<PublicLink, ApiError> {
    let url = if l.public_hash.starts_with('/') {
        format!("{origin}{}", l.public_hash)
    } else if l.public_hash.is_empty() {
        format!("{origin}/s/{}", l.hash)
    } else {
        l.public_hash
    };
    Ok(PublicLink {
        path: parse_path(&l.path)?,
        id: l.hash,
        url,
        name: l.name,
        is_folder: l.folder,
        created_ms: l.created,
        expires_ms: l.expires,
        download_max: l.download_max.filter(|n| *n > 0),
        downloads: l.downloads,
        has_password: l.has_password,
    })
}

/// `links/<what>/<hash>/<path segments>`.
fn link_endpoint(what: &str, link: &str, path: &NodePath) -> String {
    let mut out = format!("links/{what}/");
    satchel_wire::name::percent_encode_segment(link, &mut out);
    out.push('/');
    out.push_str(path.to_url_path().trim_start_matches('/'));
    out
}

#[async_trait(?Send)]
impl LinksApi for Cloudike {
    fn declare(&self, caps: &mut Capabilities) {
        caps.link_expiry = true;
        caps.link_password = true;
        caps.folder_link_password = true;
        caps.link_download_limit = true;
        caps.link_archives = true;
        caps.save_links = true;
        caps.link_list = true;
    }

    async fn create_link(
        &self,
        path: &NodePath,
        settings: &LinkSettings,
    ) -> Result<PublicLink, ApiError> {
        let mut form: Form = vec![(field::PATH, path.to_string())];
        if let Some(ttl) = settings.ttl_secs {
            form.push(("ttl", ttl.to_string()));
        }
        if let Some(max) = settings.download_max {
            form.push(("download_max", max.to_string()));
        }
        if let Some(pw) = &settings.password {
            form.push((field::PASSWORD, pw.clone()));
        }
        let l: wire::PublicLink = self.post("links/create/", &form).await?;
        link_from(&self.page_origin(), l)
    }

    async fn links(&self) -> Result<Vec<PublicLink>, ApiError> {
        let list: Vec<wire::PublicLink> = self.get("links/").await?;
        let origin = self.page_origin();
        list.into_iter().map(|l| link_from(&origin, l)).collect()
    }

    async fn delete_link(&self, path: &NodePath) -> Result<(), ApiError> {
        let form: Form = vec![(field::PATH, path.to_string())];
        unit(self.post_raw("links/delete/", &form).await?)
    }

    async fn link_view(
        &self,
        link: &str,
        path: &NodePath,
        password: Option<&str>,
    ) -> Result<LinkView, ApiError> {
        let endpoint = format!(
            "{}?{}=true",
            link_endpoint("metadata", link, path),
            field::LISTING
        );
        let headers: Vec<(&str, &str)> = password
            .map(|p| vec![(LINK_PASSWORD_HEADER, p)])
            .unwrap_or_default();
        let reply = http::get(&self.url(&endpoint), &headers).await?;
        let m: Metadata = decode(reply)?;
        Ok(LinkView {
            item: item_entry(&m)?,
            children: m
                .content
                .unwrap_or_default()
                .iter()
                .map(item_entry)
                .collect::<Result<_, _>>()?,
        })
    }

    async fn link_file_url(
        &self,
        link: &str,
        path: &NodePath,
        password: Option<&str>,
        view: bool,
    ) -> Result<String, ApiError> {
        let headers: Vec<(&str, &str)> = password
            .map(|p| vec![(LINK_PASSWORD_HEADER, p)])
            .unwrap_or_default();
        let reply = http::get(&self.url(&link_endpoint("get", link, path)), &headers).await?;
        let ticket: DownloadTicket = decode(reply)?;
        let url = self.server_url(&ticket.url);
        Ok(if view {
            let sep = if url.contains('?') { '&' } else { '?' };
            format!("{url}{sep}for_view=1")
        } else {
            url
        })
    }

    fn link_archive_url(&self, link: &str, paths: &[NodePath], password: Option<&str>) -> String {
        let mut form: Form = paths.iter().map(|p| (field::PATH, p.to_string())).collect();
        if let Some(pw) = password {
            form.push((field::PASSWORD, pw.to_owned()));
        }
        let endpoint = link_endpoint("download_as_archive_stream", link, &NodePath::root());
        self.url(&with_query(&endpoint, &form))
    }

    async fn save_link(&self, link: &str, password: Option<&str>) -> Result<String, ApiError> {
        let mut headers = self.auth();
        if let Some(p) = password {
            headers.push((LINK_PASSWORD_HEADER, p));
        }
        let endpoint = link_endpoint("add_to_storage", link, &NodePath::root());
        let reply = http::get(&self.url(&endpoint), &headers).await?;
        let started: TaskStarted = decode(reply)?;
        Ok(started.taskid)
    }

    async fn save_state(&self, task: &str) -> Result<SaveState, ApiError> {
        let s: TaskStatus = self.get(&format!("task/{task}/")).await?;
        Ok(if s.status == "done" {
            SaveState::Done {
                name: s.folder_name.unwrap_or_default(),
                files: s.files_count.unwrap_or(0),
                size: s.size.unwrap_or(0),
            }
        } else {
            SaveState::Running {
                percent: s.progress.unwrap_or(0),
            }
        })
    }
}
