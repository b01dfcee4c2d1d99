//! The JSON body of every error the board answers (docs/board-api.md, "Errors"):
//! `{"error": code, "message": text, "step"?: label}`.

/// An error as the board sends it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ErrorBody {
    /// The machine-readable code, e.g. `rejected`, `bad_input`, `wrong_phase`.
    pub error: String,
    /// What is wrong, for a person.
    pub message: String,
    /// The failed verification step, as its label (e.g. `V6.D`), when a check that has one
    /// refused the request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
}
