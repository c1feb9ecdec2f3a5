//! The JSON Schemas of the file kinds, for this project.
//!
//! The schemas are generated from the raw model (`schemars`), then fitted to
//! the project: the quality areas a district file may hold, and the area ids
//! a question or recommendation may name, are the project's own. The loading
//! gate judges unknown keys by them, and `granska schema` writes them for
//! editors (taplo, i.e. Even Better TOML in VS Code).

use serde_json::{Value, json};

use crate::model::raw::{RawAnnual, RawDistrict, RawReview, schema_of};
use crate::model::vocab::Area;

/// The schema of every file kind, for one project.
#[derive(Debug, Clone)]
pub struct Schemas {
    pub review: Value,
    pub district: Value,
    pub annual: Value,
    pub config: Value,
}

impl Schemas {
    /// The schemas for a project with these quality areas.
    pub fn new(areas: &[Area]) -> Schemas {
        let mut review = schema_of::<RawReview>();
        let mut district = schema_of::<RawDistrict>();
        let ids: Vec<&str> = areas.iter().map(|a| a.id.as_str()).collect();
        set_area_enum(&mut review, "RawQuestion", &ids);
        set_area_enum(&mut district, "RawRecommendation", &ids);
        if let Some(property) = district.pointer_mut("/properties/kvalitetsomraden") {
            let properties: serde_json::Map<String, Value> = areas
                .iter()
                .map(|a| {
                    let doc = format!("{}: {}", a.name, a.description);
                    (a.id.clone(), json!({ "$ref": "#/definitions/RawArea", "description": doc }))
                })
                .collect();
            let description = property.get("description").cloned().unwrap_or(Value::Null);
            *property = json!({
                "type": "object",
                "description": description,
                "properties": properties,
                "additionalProperties": false,
            });
        }
        Schemas { review, district, annual: schema_of::<RawAnnual>(), config: crate::config::schema() }
    }
}

/// Restricts the `kvalitetsomrade` property of definition `definition` to
/// the project's area ids.
fn set_area_enum(schema: &mut Value, definition: &str, ids: &[&str]) {
    let pointer = format!("/definitions/{definition}/properties/kvalitetsomrade");
    if let Some(property) = schema.pointer_mut(&pointer) {
        let description = property.get("description").cloned().unwrap_or(Value::Null);
        *property = json!({ "type": "string", "enum": ids, "description": description });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::vocab::default_areas;

    #[test]
    fn district_schemas_list_the_projects_areas_and_nothing_else() {
        let areas = vec![Area { id: "trygghet".into(), name: "Trygghet".into(), description: "Tryggt.".into() }];
        let schemas = Schemas::new(&areas);
        let property = schemas.district.pointer("/properties/kvalitetsomraden").unwrap();
        assert_eq!(property["additionalProperties"], false);
        assert!(property["properties"]["trygghet"].is_object());
        let enum_ = schemas.review.pointer("/definitions/RawQuestion/properties/kvalitetsomrade/enum").unwrap();
        assert_eq!(enum_, &json!(["trygghet"]));
        let default = Schemas::new(&default_areas());
        let recommended =
            default.district.pointer("/definitions/RawRecommendation/properties/kvalitetsomrade/enum").unwrap();
        assert_eq!(recommended.as_array().unwrap().len(), 6);
    }
}
