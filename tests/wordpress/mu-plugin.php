<?php
/*
 * The test site's local answers, so WordPress needs nothing from outside:
 * YouTube oEmbed answered here (WP_HTTP_BLOCK_EXTERNAL is on), anonymous
 * REST comments allowed (a core filter), SVG uploads allowed (as many
 * magazines do with a plugin), and the wpDiscuz comment meta the importer
 * reads exposed to the REST API (the README gives publishers this snippet).
 */

add_filter('pre_oembed_result', function ($result, $url) {
    if (!preg_match('~(?:youtube\.com/watch\?v=|youtu\.be/|youtube\.com/embed/)([A-Za-z0-9_-]{11})~', $url, $m)) {
        return $result;
    }
    $titles = [
        'zFT3f9biz68' => 'BTS “Film Out” official music video',
        'aqz-KE-bpKQ' => 'Big Buck Bunny, the open movie',
        'M7lc1UVf-VE' => 'A player demonstration video',
    ];
    $title = $titles[$m[1]] ?? 'A music video';
    return sprintf(
        '<iframe title="%s" width="500" height="281" src="https://www.youtube.com/embed/%s?feature=oembed" frameborder="0" allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share" allowfullscreen></iframe>',
        esc_attr($title),
        $m[1]
    );
}, 10, 2);

add_filter('rest_allow_anonymous_comments', '__return_true');

add_filter('upload_mimes', function ($mimes) {
    $mimes['svg'] = 'image/svg+xml';
    return $mimes;
});

add_action('init', function () {
    register_meta('comment', 'wpdiscuz_feedback_form_id', ['type' => 'string', 'single' => true, 'show_in_rest' => true]);
    register_meta('comment', 'wpdiscuz_votes', ['type' => 'integer', 'single' => true, 'show_in_rest' => true]);
});
