<?php
/*
 * Seeds the benchmark WordPress: LINERNOTES_BENCH_POSTS posts (default
 * 1,000), each with its own image (a small PNG we draw), and
 * LINERNOTES_BENCH_COMMENTS comments (default 10,000) spread over them,
 * a third of them replies. Through WordPress's own API, never SQL.
 */
require getenv('LINERNOTES_WP_CORE') . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/file.php';
require_once ABSPATH . 'wp-admin/includes/media.php';
require_once ABSPATH . 'wp-admin/includes/image.php';
require __DIR__ . '/helpers.php';

$posts = (int) (getenv('LINERNOTES_BENCH_POSTS') ?: 1000);
$comments = (int) (getenv('LINERNOTES_BENCH_COMMENTS') ?: 10000);
quiet_site();
wp_delete_post(1, true);
wp_delete_post(2, true);
// One image size is enough here: the importer fetches originals only.
add_filter('intermediate_image_sizes_advanced', fn () => []);
wp_defer_term_counting(true);
wp_defer_comment_counting(true);
$author = add_author('aki', 'Aki Morimoto', 'aki@linernotes.example');
$cats = [term('News', 'news', 'category'), term('Reviews', 'reviews', 'category'), term('Features', 'features', 'category')];
$ids = [];
for ($i = 1; $i <= $posts; $i++) {
    // Colours unique to each story, so every image is a file of its own.
    $img = upload_png("bench-$i", 640, 360, [20 + $i % 200, 40 + 20 * intdiv($i, 200), 80], [240, 200 - $i % 150, 120], "Abstract bands for story $i.", "Story $i");
    $src = wp_get_attachment_url($img);
    $content = block_p("Story $i opens with a sentence about a record we liked, and a <a href=\"https://example.org/$i\">link</a>.")
        . block_h("Part one of story $i")
        . "<!-- wp:image {\"id\":$img} -->\n<figure class=\"wp-block-image\"><img src=\"$src\" alt=\"Abstract bands for story $i.\" class=\"wp-image-$img\"/><figcaption>Bands, drawn for story $i. Illustration: linernotes</figcaption></figure>\n<!-- /wp:image -->\n\n"
        . block_p(str_repeat("The chorus comes back twice, each time a little louder. ", 20))
        . "<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\"><p>A line worth quoting from story $i.</p><cite>A reader</cite></blockquote>\n<!-- /wp:quote -->\n\n"
        . block_p('The end.');
    $ids[] = add_post([
        'post_title' => "Story number $i", 'post_name' => "story-$i", 'post_excerpt' => "The short version of story $i.",
        'post_date_gmt' => gmdate('Y-m-d H:i:s', 1600000000 + $i * 3600), 'post_author' => $author,
        'post_category' => [$cats[$i % 3]], 'tags_input' => ["Tag " . ($i % 20)], 'post_content' => $content,
    ], $img);
}
$tops = [];
for ($c = 1; $c <= $comments; $c++) {
    $post = $ids[$c % count($ids)];
    $parent = ($c % 3 === 0 && isset($tops[$post])) ? $tops[$post] : 0;
    $id = comment($post, "Reader $c", '', gmdate('Y-m-d H:i:s', 1700000000 + $c * 60), "Comment $c: the second verse is the one for me.", $parent);
    if (!$parent) {
        $tops[$post] = $id;
    }
}
wp_defer_term_counting(false);
wp_defer_comment_counting(false);
file_put_contents(getenv('LINERNOTES_WP_RUN') . '/facts.json', json_encode(['posts' => count($ids), 'comments' => $comments]));
echo "seeded $posts posts and $comments comments\n";
