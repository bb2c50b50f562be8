-- create
insert into "pinned_note" ("id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at") values ($1, $2, $3, $4, $5, $6, default, default) returning "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at"; -- 6 bound

-- createMany
insert into "pinned_note" ("id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at") values ($1, $2, $3, $4, default, $5, $6, default), ($7, $8, $9, default, default, $10, default, default) returning "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at"; -- 10 bound

-- insertMany
insert into "pinned_note" ("id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at") values ($1, $2, $3, default, default, $4, default, default); -- 4 bound

-- findById
select "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at" from "pinned_note" where ("pinned_note"."id" = $1) and ("pinned_note"."deleted_at" is null) limit 1; -- 1 bound

-- findById withDeleted
select "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at" from "pinned_note" where "pinned_note"."id" = $1 limit 1; -- 1 bound

-- findBy
select "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at" from "pinned_note" where ("pinned_note"."slug" = $1) and ("pinned_note"."deleted_at" is null) order by "pinned_note"."id" asc limit 1; -- 1 bound

-- findAllBy
select "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at" from "pinned_note" where ("pinned_note"."user_id" = $1) and ("pinned_note"."deleted_at" is null) order by "pinned_note"."id" asc; -- 1 bound

-- findOne
select "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at" from "pinned_note" where ("pinned_note"."title" = $1) and ("pinned_note"."deleted_at" is null) order by "pinned_note"."id" asc limit 1; -- 1 bound

-- findMany (default order)
select "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at" from "pinned_note" where "pinned_note"."deleted_at" is null order by "pinned_note"."id" asc;

-- findMany where every operator
select "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at" from "pinned_note" where (("pinned_note"."rank" >= $1) and ("pinned_note"."rank" < $2) and ("pinned_note"."rank" <> $3) and ("pinned_note"."slug" in ($4, $5)) and ("pinned_note"."slug" not in ($6)) and (strpos(lower("pinned_note"."title" collate "C"), lower($7 collate "C")) > 0) and ("pinned_note"."published_at" is null) and ((left("pinned_note"."user_id", length($8)) = $9) or (right("pinned_note"."user_id", length($10)) = $11)) and (not (("pinned_note"."rank" > $12) and ("pinned_note"."rank" <= $13)))) and ("pinned_note"."deleted_at" is null) order by "pinned_note"."id" asc; -- 13 bound

-- findMany orderBy, limit, offset, select
select "id", "title" from "pinned_note" where "pinned_note"."deleted_at" is null order by "pinned_note"."rank" desc nulls last, "pinned_note"."id" asc limit 2 offset $1; -- 1 bound

-- findMany ordered by text, then a nullable column
select "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at" from "pinned_note" where "pinned_note"."deleted_at" is null order by "pinned_note"."title" collate "C" asc, "pinned_note"."published_at" desc nulls last, "pinned_note"."id" asc;

-- findMany onlyDeleted
select "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at" from "pinned_note" where "pinned_note"."deleted_at" is not null order by "pinned_note"."id" asc;

-- findPage (two pages)
select "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at" from "pinned_note" where "pinned_note"."deleted_at" is null order by "pinned_note"."title" collate "C" asc, "pinned_note"."id" asc limit 3;
select "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at" from "pinned_note" where ("pinned_note"."deleted_at" is null) and ((("pinned_note"."title" collate "C" > $1)) or (("pinned_note"."title" = $2) and ("pinned_note"."id" > $3))) order by "pinned_note"."title" collate "C" asc, "pinned_note"."id" asc limit 3; -- 3 bound

-- paginate
select "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at" from "pinned_note" where "pinned_note"."deleted_at" is null order by "pinned_note"."rank" asc nulls first, "pinned_note"."id" asc limit 2 offset $1; -- 1 bound
select count(*) from "pinned_note" where "pinned_note"."deleted_at" is null;

-- count
select count(*) from "pinned_note" where ("pinned_note"."user_id" = $1) and ("pinned_note"."deleted_at" is null); -- 1 bound

-- countBy
select "user_id", count(*) from "pinned_note" where "pinned_note"."deleted_at" is null group by "pinned_note"."user_id" order by "pinned_note"."user_id" collate "C" asc;

-- exists
select "id" from "pinned_note" where ("pinned_note"."slug" = $1) and ("pinned_note"."deleted_at" is null) limit 1; -- 1 bound

-- update
update "pinned_note" set "title" = $1, "rank" = $2 where ("pinned_note"."id" = $3) and ("pinned_note"."deleted_at" is null) returning "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at"; -- 3 bound

-- updateMany
update "pinned_note" set "rank" = $1 where ("pinned_note"."user_id" = $2) and ("pinned_note"."deleted_at" is null); -- 2 bound

-- upsert
insert into "pinned_note" ("id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at") values ($1, $2, $3, default, default, $4, default, default) on conflict ("slug") do update set "title" = $5 returning "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at"; -- 5 bound

-- delete (soft)
update "pinned_note" set "deleted_at" = $1 where ("pinned_note"."id" = $2) and ("pinned_note"."deleted_at" is null) returning "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at"; -- 2 bound

-- restore
update "pinned_note" set "deleted_at" = $1 where ("pinned_note"."id" = $2) and ("pinned_note"."deleted_at" is not null) returning "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at"; -- 2 bound

-- deleteMany (soft)
update "pinned_note" set "deleted_at" = $1 where ("pinned_note"."user_id" = $2) and ("pinned_note"."deleted_at" is null); -- 2 bound

-- hardDelete
delete from "pinned_note" where "pinned_note"."id" = $1 returning "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at"; -- 1 bound

-- forUser findMany
select "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at" from "pinned_note" where (("pinned_note"."rank" > $1) and ("pinned_note"."user_id" = $2)) and ("pinned_note"."deleted_at" is null) order by "pinned_note"."id" asc; -- 2 bound

-- forUser create
insert into "pinned_note" ("id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at") values ($1, $2, $3, default, default, $4, default, default) returning "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at"; -- 4 bound

-- transaction
update "pinned_note" set "rank" = $1 where ("pinned_note"."id" = $2) and ("pinned_note"."deleted_at" is null) returning "id", "slug", "title", "rank", "meta", "user_id", "published_at", "deleted_at"; -- 2 bound
