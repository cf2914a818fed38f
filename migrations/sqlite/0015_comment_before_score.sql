-- An evaluator's comment is kept while its score is still empty (issue 10, finding 11).
-- SQLite cannot drop a NOT NULL, so scores are copied into a rebuilt copy, the same way on
-- both databases.
create table scores_new (
    assignment_id bigint not null references assignments(id),
    criterion_id bigint not null references grid_criteria(id),
    score bigint,
    comment text not null,
    primary key (assignment_id, criterion_id)
);
insert into scores_new (assignment_id, criterion_id, score, comment)
    select assignment_id, criterion_id, score, comment from scores;
drop table scores;
alter table scores_new rename to scores;
