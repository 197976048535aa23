//! "Did you mean …?" suggestions for misspelt fields, codes and ids.

/// `fallback`, followed by the closest candidate when one is close enough.
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl Iterator<Item = &'a str>,
    fallback: &str,
) -> String {
    let candidates: Vec<&str> = candidates.collect();
    let close = candidates
        .iter()
        .map(|candidate| (edit_distance(input, candidate), *candidate))
        .filter(|(distance, candidate)| *distance <= (candidate.len() / 3).max(2))
        .min();
    // "timezone" for "default_timezone": the word is a whole part of the name.
    let part_of = || {
        candidates
            .iter()
            .filter(|candidate| input.len() >= 4 && candidate.split('_').any(|part| part == input))
            .min_by_key(|candidate| candidate.len())
            .map(|candidate| (0, *candidate))
    };
    match close.or_else(part_of) {
        Some((_, candidate)) => format!("{fallback} — did you mean \"{candidate}\"?"),
        None => fallback.to_string(),
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn did_you_mean_suggests_the_closest_code() {
        let help = did_you_mean(
            "legal_service",
            ["legal_services", "education"].into_iter(),
            "use one of: …",
        );
        assert!(help.ends_with("did you mean \"legal_services\"?"), "{help}");
        assert_eq!(
            did_you_mean("zzz", ["legal_services"].into_iter(), "x"),
            "x"
        );
    }

    #[test]
    fn a_word_that_is_part_of_a_longer_name_suggests_that_name() {
        let help = did_you_mean(
            "timezone",
            ["title", "default_timezone", "default_country"].into_iter(),
            "remove the field or fix its spelling",
        );
        assert!(
            help.ends_with("did you mean \"default_timezone\"?"),
            "{help}"
        );
    }
}
