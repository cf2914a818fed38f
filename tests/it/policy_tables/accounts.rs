//! The account and organisation policies as a table written from DOMAIN.md (roles; rule 1:
//! each side's partners register with their own administration) and the platform's one rule
//! about administrators: never leave the platform without one.

use passerelle::organisations::policy as organisations;
use passerelle::users::policy as users;
use passerelle::viewer::Role;

use super::{QC, WB, viewer};

/// (who, role, side, expected) for administering accounts.
pub const ADMINISTER: [(&str, Role, Option<i64>, bool); 6] = [
    ("administrator", Role::Administrator, None, true),
    ("officer WB", Role::Officer, Some(WB), false),
    ("applicant QC", Role::Applicant, Some(QC), false),
    ("evaluator WB", Role::Evaluator, Some(WB), false),
    ("member QC", Role::CommissionMember, Some(QC), false),
    ("coach", Role::Coach, None, false),
];

/// (who, role, side, organisation's side, expected) for registering an organisation.
pub const REGISTER: [(&str, Role, Option<i64>, i64, bool); 8] = [
    ("applicant WB", Role::Applicant, Some(WB), WB, true),
    ("officer QC", Role::Officer, Some(QC), QC, true),
    // rule 1: a partner files with its own administration, not the other side's.
    ("applicant WB", Role::Applicant, Some(WB), QC, false),
    ("officer QC", Role::Officer, Some(QC), WB, false),
    ("evaluator WB", Role::Evaluator, Some(WB), WB, false),
    ("member QC", Role::CommissionMember, Some(QC), QC, false),
    ("coach", Role::Coach, None, WB, false),
    ("administrator", Role::Administrator, None, WB, false),
];

#[test]
fn only_administrators_administer_accounts_and_never_revoke_the_last_administrator() {
    for (who, role, side, expected) in ADMINISTER {
        let v = viewer(role, side);
        let facts = users::Facts::default();
        assert_eq!(
            users::can(&v, users::Perm::Administer, &facts),
            expected,
            "{who}"
        );
    }
    let admin = viewer(Role::Administrator, None);
    let revoke = |role, administrators| users::Facts {
        grant_role: Some(role),
        administrators,
    };
    assert!(users::can(
        &admin,
        users::Perm::Revoke,
        &revoke(Role::Officer, 1)
    ));
    assert!(users::can(
        &admin,
        users::Perm::Revoke,
        &revoke(Role::Administrator, 2)
    ));
    assert!(!users::can(
        &admin,
        users::Perm::Revoke,
        &revoke(Role::Administrator, 1)
    ));
    let officer = viewer(Role::Officer, Some(WB));
    assert!(!users::can(
        &officer,
        users::Perm::Revoke,
        &revoke(Role::Applicant, 3)
    ));
}

#[test]
fn organisations_are_registered_on_ones_own_side_by_its_applicants_and_officers() {
    for (who, role, side, org_side, expected) in REGISTER {
        let v = viewer(role, side);
        let facts = organisations::Facts { side: org_side };
        assert_eq!(
            organisations::can(&v, organisations::Perm::Register, &facts),
            expected,
            "{who} on side {org_side}"
        );
    }
}
