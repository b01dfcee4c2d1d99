//! The section of an election's page that shows who may post to it: the roster fixed at
//! creation (the administrator and the guardians) and the voting devices and witnesses the
//! administrator enrolled, each with the fingerprint of its key, which people compare with
//! the one the party gives them out of band (docs/board-api.md, "Authorship").

use super::html::esc;
use crate::election::Authors;
use std::fmt::Write;

/// One row of the table: role, name, key.
fn row(body: &mut String, role: &str, name: &str, key: &str) {
    let _ = writeln!(
        body,
        "<tr><td>{}</td><td>{}</td><td><code>{}</code></td></tr>",
        esc(role),
        esc(name),
        esc(key)
    );
}

/// The "Who may post" section of the election page.
pub fn section(authors: &Authors) -> String {
    let mut body = String::from(
        "<section aria-labelledby=\"authors\">\n<h2 id=\"authors\">Who may post</h2>\n",
    );
    let Some(roster) = authors.roster() else {
        body.push_str(
            "<p>This election was created without a roster: the board does not know who \
             posted its items.</p>\n</section>\n",
        );
        return body;
    };
    body.push_str(
        "<p>Every item a party posts carries its signature, which the board checked against \
         the key below and keeps in the log. Compare each fingerprint with the one the party \
         gave you.</p>\n<table>\n<caption>The roster and the enrolled devices and \
         witnesses</caption>\n<thead><tr><th scope=\"col\">Role</th><th scope=\"col\">Name\
         </th><th scope=\"col\">Key fingerprint (witnesses: verifier key)</th></tr></thead>\n\
         <tbody>\n",
    );
    let (name, key) = &roster.administrator;
    row(&mut body, "Administrator", name, &key.fingerprint());
    for (index, (name, key)) in (1u32..).zip(&roster.guardian_keys) {
        row(
            &mut body,
            &format!("Guardian {index}"),
            name,
            &key.fingerprint(),
        );
    }
    for (name, key) in authors.devices() {
        row(&mut body, "Voting device", name, &key.fingerprint());
    }
    for (name, vkey) in authors.witnesses() {
        row(&mut body, "Witness", name, vkey);
    }
    body.push_str("</tbody>\n</table>\n</section>\n");
    body
}
