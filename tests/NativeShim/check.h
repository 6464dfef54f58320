/* The C tests' checks: a failed one prints why and returns from the case. */
#ifndef RUNCS_TEST_CHECK_H
#define RUNCS_TEST_CHECK_H
#include <stdio.h>
#include <string.h>

extern int case_failed;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            printf("line %d: CHECK(%s) failed\n", __LINE__, #cond);                                \
            case_failed = 1;                                                                       \
            return;                                                                                \
        }                                                                                          \
    } while (0)

#define CHECK_INT(actual, expected)                                                                \
    do {                                                                                           \
        long long a_ = (long long)(actual), e_ = (long long)(expected);                            \
        if (a_ != e_) {                                                                            \
            printf("line %d: %s is %lld, expected %lld\n", __LINE__, #actual, a_, e_);             \
            case_failed = 1;                                                                       \
            return;                                                                                \
        }                                                                                          \
    } while (0)

#define CHECK_STR(actual, expected)                                                                \
    do {                                                                                           \
        const char *a_ = (actual), *e_ = (expected);                                               \
        if (a_ == NULL || strcmp(a_, e_) != 0) {                                                   \
            printf("line %d: %s is \"%s\", expected \"%s\"\n", __LINE__, #actual,                  \
                   a_ ? a_ : "(null)", e_);                                                        \
            case_failed = 1;                                                                       \
            return;                                                                                \
        }                                                                                          \
    } while (0)


/* test_native_init.c */
void plan_fields_read_back_in_order(void);
void plan_rejects_bad_headers_and_overruns(void);
void plan_strings_need_their_nul(void);
void json_escape_quotes_backslashes_and_controls(void);
void message_is_matches_the_type_only(void);
void path_split_gives_parent_and_name(void);
void mkdir_all_creates_inside_the_root(void);
void mkdir_all_never_follows_a_symlink_out_of_the_root(void);
void create_file_makes_an_empty_file_and_its_parents(void);
void look_path_searches_path_like_go(void);
void native_init_reports_a_bad_plan(void);
void native_init_reports_a_fail_op(void);
void native_init_refuses_an_unknown_op(void);
void native_init_execs_with_the_plans_env_and_args(void);
#define NATIVE_INIT_CASES \
    CASE(plan_fields_read_back_in_order), CASE(plan_rejects_bad_headers_and_overruns), CASE(plan_strings_need_their_nul), \
    CASE(json_escape_quotes_backslashes_and_controls), CASE(message_is_matches_the_type_only), \
    CASE(path_split_gives_parent_and_name), CASE(mkdir_all_creates_inside_the_root), \
    CASE(mkdir_all_never_follows_a_symlink_out_of_the_root), CASE(create_file_makes_an_empty_file_and_its_parents), \
    CASE(look_path_searches_path_like_go), CASE(native_init_reports_a_bad_plan), CASE(native_init_reports_a_fail_op), CASE(native_init_refuses_an_unknown_op), \
    CASE(native_init_execs_with_the_plans_env_and_args),
#endif
