<?php
/*
 * The test site's local answers, so WordPress needs nothing from outside:
 * the oEmbed answers of YouTube, Spotify, SoundCloud, Vimeo and Mixcloud
 * given here (WP_HTTP_BLOCK_EXTERNAL is on), anonymous REST comments
 * allowed (a core filter), SVG uploads allowed (as many magazines do with a
 * plugin), and the wpDiscuz comment meta the importer reads exposed to the
 * REST API (the README gives publishers this snippet).
 */

add_filter('pre_oembed_result', function ($result, $url) {
    $frame = fn ($title, $src, $size = 'width="500" height="281"') => sprintf(
        '<iframe title="%s" %s src="%s" frameborder="0" allowfullscreen></iframe>',
        esc_attr($title),
        $size,
        esc_url($src)
    );
    if (preg_match('~(?:youtube\.com/watch\?v=|youtu\.be/|youtube\.com/embed/)([A-Za-z0-9_-]{11})~', $url, $m)) {
        $titles = [
            'zFT3f9biz68' => 'BTS “Film Out” official music video',
            'aqz-KE-bpKQ' => 'Big Buck Bunny, the open movie',
            'M7lc1UVf-VE' => 'A player demonstration video',
        ];
        // As YouTube answers an address with a start time (`t=90s`, `t=1m30s`): `start=90`.
        $start = '';
        if (preg_match('~[?&#](?:t|start)=(?:(\d+)h)?(?:(\d+)m)?(\d*)s?(?:&|$)~', $url, $t)) {
            $seconds = intval($t[1] ?? 0) * 3600 + intval($t[2] ?? 0) * 60 + intval($t[3] ?? 0);
            $start = $seconds > 0 ? "start=$seconds&" : '';
        }
        return $frame($titles[$m[1]] ?? 'A music video', "https://www.youtube.com/embed/{$m[1]}?{$start}feature=oembed");
    }
    // As the services answer: Spotify's title has no artist; SoundCloud's
    // player names its track by number, its title says "Title by Artist".
    if (preg_match('~open\.spotify\.com/(album|track|playlist)/([A-Za-z0-9]{22})~', $url, $m)) {
        return $frame('Spotify Embed: Low Tide (Live)', "https://open.spotify.com/embed/{$m[1]}/{$m[2]}?utm_source=oembed", 'width="100%" height="352"');
    }
    if (str_contains($url, 'soundcloud.com/kestrel-lamps/harbour-lights')) {
        return $frame('Harbour Lights by Kestrel Lamps', 'https://w.soundcloud.com/player/?visual=true&url=https%3A%2F%2Fapi.soundcloud.com%2Ftracks%2F1234567&show_artwork=true', 'width="500" height="400"');
    }
    if (preg_match('~vimeo\.com/(\d+)~', $url, $m)) {
        return $frame('Night ferry, filmed from the deck', "https://player.vimeo.com/video/{$m[1]}?dnt=1&app_id=122963");
    }
    if (str_contains($url, 'mixcloud.com/')) {
        return $frame('Night bus mix', 'https://www.mixcloud.com/widget/iframe/?feed=%2Flinernotes%2Fnight-bus-mix%2F', 'width="100%" height="120"');
    }
    return $result;
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
