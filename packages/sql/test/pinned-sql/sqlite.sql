-- create
insert into "pinned_note" ("id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at") values (?, ?, ?, ?, ?, ?, null, null) returning "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at"; -- 6 bound

-- createMany
insert into "pinned_note" ("id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at") values (?, ?, ?, ?, null, ?, ?, null), (?, ?, ?, null, null, ?, null, null) returning "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at"; -- 10 bound

-- insertMany
insert into "pinned_note" ("id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at") values (?, ?, ?, null, null, ?, null, null); -- 4 bound

-- findById
select "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at" from "pinned_note" where ("pinned_note"."id" = ?) and ("pinned_note"."deleted_at" is null) limit 1; -- 1 bound

-- findById withDeleted
select "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at" from "pinned_note" where "pinned_note"."id" = ? limit 1; -- 1 bound

-- findBy
select "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at" from "pinned_note" where ("pinned_note"."slug" = ?) and ("pinned_note"."deleted_at" is null) order by "pinned_note"."id" asc limit 1; -- 1 bound

-- findAllBy
select "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at" from "pinned_note" where ("pinned_note"."user_id" = ?) and ("pinned_note"."deleted_at" is null) order by "pinned_note"."id" asc; -- 1 bound

-- findOne
select "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at" from "pinned_note" where ("pinned_note"."title" = ?) and ("pinned_note"."deleted_at" is null) order by "pinned_note"."id" asc limit 1; -- 1 bound

-- findMany (default order)
select "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at" from "pinned_note" where "pinned_note"."deleted_at" is null order by "pinned_note"."id" asc;

-- findMany where every operator
select "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at" from "pinned_note" where (("pinned_note"."rank" >= ?) and ("pinned_note"."rank" < ?) and ("pinned_note"."rank" <> ?) and ("pinned_note"."slug" in (?, ?)) and ("pinned_note"."slug" not in (?)) and (instr(lower("pinned_note"."title"), lower(?)) > 0) and ("pinned_note"."published_at" is null) and ((substr("pinned_note"."user_id", 1, length(?)) = ?) or ((length("pinned_note"."user_id") >= length(?) and substr("pinned_note"."user_id", length("pinned_note"."user_id") - length(?) + 1) = ?))) and (not (("pinned_note"."rank" > ?) and ("pinned_note"."rank" <= ?)))) and ("pinned_note"."deleted_at" is null) order by "pinned_note"."id" asc; -- 14 bound

-- findMany orderBy, limit, offset, select
select "id", "title" from "pinned_note" where "pinned_note"."deleted_at" is null order by "pinned_note"."rank" desc nulls last, "pinned_note"."id" asc limit 2 offset ?; -- 1 bound

-- findMany ordered by text, then a nullable column
select "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at" from "pinned_note" where "pinned_note"."deleted_at" is null order by "pinned_note"."title" asc, "pinned_note"."published_at" desc nulls last, "pinned_note"."id" asc;

-- findMany onlyDeleted
select "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at" from "pinned_note" where "pinned_note"."deleted_at" is not null order by "pinned_note"."id" asc;

-- findPage (two pages)
select "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at" from "pinned_note" where "pinned_note"."deleted_at" is null order by "pinned_note"."title" asc, "pinned_note"."id" asc limit 3;
select "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at" from "pinned_note" where ("pinned_note"."deleted_at" is null) and ((("pinned_note"."title" > ?)) or (("pinned_note"."title" = ?) and ("pinned_note"."id" > ?))) order by "pinned_note"."title" asc, "pinned_note"."id" asc limit 3; -- 3 bound

-- paginate
select "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at" from "pinned_note" where "pinned_note"."deleted_at" is null order by "pinned_note"."rank" asc nulls first, "pinned_note"."id" asc limit 2 offset ?; -- 1 bound
select count(*) from "pinned_note" where "pinned_note"."deleted_at" is null;

-- count
select count(*) from "pinned_note" where ("pinned_note"."user_id" = ?) and ("pinned_note"."deleted_at" is null); -- 1 bound

-- countBy
select "user_id", count(*) from "pinned_note" where "pinned_note"."deleted_at" is null group by "pinned_note"."user_id" order by "pinned_note"."user_id" asc;

-- exists
select "id" from "pinned_note" where ("pinned_note"."slug" = ?) and ("pinned_note"."deleted_at" is null) limit 1; -- 1 bound

-- update
update "pinned_note" set "title" = ?, "rank" = ? where ("pinned_note"."id" = ?) and ("pinned_note"."deleted_at" is null) returning "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at"; -- 3 bound

-- updateMany
update "pinned_note" set "rank" = ? where ("pinned_note"."user_id" = ?) and ("pinned_note"."deleted_at" is null); -- 2 bound

-- upsert
insert into "pinned_note" ("id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at") values (?, ?, ?, null, null, ?, null, null) on conflict ("pinned_note"."slug") do update set "title" = ? returning "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at"; -- 5 bound

-- delete (soft)
update "pinned_note" set "deleted_at" = ? where ("pinned_note"."id" = ?) and ("pinned_note"."deleted_at" is null) returning "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at"; -- 2 bound

-- restore
update "pinned_note" set "deleted_at" = ? where ("pinned_note"."id" = ?) and ("pinned_note"."deleted_at" is not null) returning "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at"; -- 2 bound

-- deleteMany (soft)
update "pinned_note" set "deleted_at" = ? where ("pinned_note"."user_id" = ?) and ("pinned_note"."deleted_at" is null); -- 2 bound

-- hardDelete
delete from "pinned_note" where "pinned_note"."id" = ? returning "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at"; -- 1 bound

-- forUser findMany
select "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at" from "pinned_note" where (("pinned_note"."rank" > ?) and ("pinned_note"."user_id" = ?)) and ("pinned_note"."deleted_at" is null) order by "pinned_note"."id" asc; -- 2 bound

-- forUser create
insert into "pinned_note" ("id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at") values (?, ?, ?, null, null, ?, null, null) returning "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at"; -- 4 bound

-- transaction
update "pinned_note" set "rank" = ? where ("pinned_note"."id" = ?) and ("pinned_note"."deleted_at" is null) returning "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at"; -- 2 bound
