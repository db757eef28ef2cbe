//! The page and the API description, compiled in: the server reads no file at run time
//! and the page loads nothing from the network.

/// The web app: one self-contained HTML page (inline style and script).
pub const PAGE: &str = include_str!("page.html");

/// The OpenAPI 3.1 description of the JSON API.
pub const OPENAPI: &str = include_str!("openapi.json");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_api_description_is_json_naming_every_route() {
        let description: serde_json::Value = serde_json::from_str(OPENAPI).expect("openapi.json is JSON");
        assert_eq!(description["openapi"], "3.1.0");
        for path in ["/", "/openapi.json", "/extract", "/compare", "/export"] {
            assert!(description["paths"].get(path).is_some(), "{path} is not described");
        }
    }

    #[test]
    fn the_page_loads_nothing_from_the_network() {
        for remote in ["http://", "https://", "//cdn"] {
            assert!(!PAGE.contains(&format!("src=\"{remote}")), "the page loads {remote}");
            assert!(!PAGE.contains(&format!("href=\"{remote}")), "the page links {remote}");
        }
    }
}
