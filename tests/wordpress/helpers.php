<?php
/*
 * Helpers for the seed scripts: everything goes through WordPress's own API
 * (wp_insert_post, wp_insert_comment, media_handle_sideload, …).
 */

/** Pretty permalinks, no pings, comments open, nothing sent anywhere. */
function quiet_site()
{
    // As the administrator, who may post any markup (so hostile posts stay hostile).
    wp_set_current_user(1);
    // Through $wp_rewrite, so the rules flushed below are the new structure's
    // (update_option alone leaves it on the old one, and posts would 404).
    global $wp_rewrite;
    $wp_rewrite->set_permalink_structure('/%year%/%monthnum%/%postname%/');
    update_option('default_pingback_flag', 0);
    update_option('default_ping_status', 'closed');
    update_option('ping_sites', '');
    update_option('comment_moderation', 0);
    update_option('comment_previously_approved', 0);
    update_option('thread_comments_depth', 5);
    update_option('timezone_string', 'UTC');
    remove_action('publish_post', '_publish_post_hook', 5);
    remove_action('do_pings', 'do_all_pings', 10);
    flush_rewrite_rules(false);
}

function add_author($login, $name, $email)
{
    $id = wp_insert_user([
        'user_login' => $login, 'user_pass' => wp_generate_password(24), 'user_email' => $email,
        'display_name' => $name, 'first_name' => explode(' ', $name)[0], 'last_name' => explode(' ', $name)[1] ?? '',
        'role' => 'author',
    ]);
    if (is_wp_error($id)) {
        throw new RuntimeException($id->get_error_message());
    }
    return $id;
}

function term($name, $slug, $taxonomy)
{
    $term = wp_insert_term($name, $taxonomy, ['slug' => $slug]);
    if (is_wp_error($term)) {
        throw new RuntimeException($term->get_error_message());
    }
    return $term['term_id'];
}

/** Copies a file into the media library (as an upload would), with alt text and caption. */
function upload_file($path, $alt, $title, $caption = '')
{
    $tmp = wp_tempnam(basename($path));
    copy($path, $tmp);
    $id = media_handle_sideload(['name' => basename($path), 'tmp_name' => $tmp], 0, $title, ['post_excerpt' => $caption]);
    if (is_wp_error($id)) {
        throw new RuntimeException($path . ': ' . $id->get_error_message());
    }
    update_post_meta($id, '_wp_attachment_image_alt', $alt);
    return $id;
}

/** Draws a PNG (or JPEG) of our own (bands and a circle in two colours) and uploads it. */
function upload_png($name, $w, $h, $dark, $light, $alt, $title, $caption = '')
{
    $img = imagecreatetruecolor($w, $h);
    $bg = imagecolorallocate($img, ...$dark);
    $fg = imagecolorallocate($img, ...$light);
    imagefilledrectangle($img, 0, 0, $w, $h, $bg);
    for ($i = 0; $i < 6; $i++) {
        $y = intdiv($h * (2 * $i + 1), 13);
        imagefilledrectangle($img, 0, $y, $w, $y + intdiv($h, 40), $fg);
    }
    imagefilledellipse($img, intdiv($w, 2), intdiv($h, 2), intdiv(min($w, $h), 2), intdiv(min($w, $h), 2), $fg);
    // A name ending in .jpg makes a JPEG (which WordPress scales down past 2560 pixels).
    $jpeg = str_ends_with($name, '.jpg');
    $path = sys_get_temp_dir() . '/' . ($jpeg ? $name : "$name.png");
    $jpeg ? imagejpeg($img, $path, 80) : imagepng($img, $path, 6);
    imagedestroy($img);
    $id = upload_file($path, $alt, $title, $caption);
    unlink($path);
    return $id;
}

/** Publishes a post at a fixed date (GMT), optionally with a featured image. */
function add_post($fields, $thumbnail = 0)
{
    $fields += ['post_status' => 'publish', 'post_type' => 'post', 'comment_status' => 'open', 'ping_status' => 'closed'];
    if (isset($fields['post_date_gmt'])) {
        $fields['post_date'] = $fields['post_date_gmt'];
        $fields['edit_date'] = true;
    }
    $id = wp_insert_post(wp_slash($fields), true);
    if (is_wp_error($id)) {
        throw new RuntimeException($id->get_error_message());
    }
    if ($thumbnail) {
        set_post_thumbnail($id, $thumbnail);
    }
    return $id;
}

function comment($post, $author, $url, $date_gmt, $text, $parent = 0, $meta = [], $approved = '1')
{
    $id = wp_insert_comment(wp_slash([
        'comment_post_ID' => $post, 'comment_author' => $author, 'comment_author_url' => $url,
        'comment_author_email' => strtolower(preg_replace('/[^a-z]/i', '', $author)) . '@readers.example',
        'comment_author_IP' => '192.0.2.1', 'comment_content' => $text, 'comment_parent' => $parent,
        'comment_approved' => $approved, 'comment_date_gmt' => $date_gmt, 'comment_date' => $date_gmt,
        'comment_type' => 'comment', 'comment_meta' => $meta,
    ]));
    if (!$id) {
        throw new RuntimeException("comment by $author not stored");
    }
    return $id;
}

function app_password($login)
{
    $user = get_user_by('login', $login);
    [$password] = WP_Application_Passwords::create_new_application_password($user->ID, ['name' => 'linernotes import']);
    return $password;
}

function block_p($html)
{
    return "<!-- wp:paragraph -->\n<p>$html</p>\n<!-- /wp:paragraph -->\n\n";
}

function block_h($text, $level = 2)
{
    $attrs = $level === 2 ? '' : " {\"level\":$level}";
    return "<!-- wp:heading$attrs -->\n<h$level>$text</h$level>\n<!-- /wp:heading -->\n\n";
}

function block_youtube($url, $caption)
{
    $figcaption = $caption === '' ? '' : "<figcaption class=\"wp-element-caption\">$caption</figcaption>";
    return "<!-- wp:embed {\"url\":\"$url\",\"type\":\"video\",\"providerNameSlug\":\"youtube\",\"responsive\":true,\"className\":\"wp-embed-aspect-16-9 wp-has-aspect-ratio\"} -->\n"
        . "<figure class=\"wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube wp-embed-aspect-16-9 wp-has-aspect-ratio\"><div class=\"wp-block-embed__wrapper\">\n$url\n</div>$figcaption</figure>\n<!-- /wp:embed -->\n\n";
}

/** An embed block as the editor stores it: the URL in its wrapper, an optional caption. */
function block_embed($url, $type, $provider, $caption)
{
    $figcaption = $caption === '' ? '' : "<figcaption class=\"wp-element-caption\">$caption</figcaption>";
    return "<!-- wp:embed {\"url\":\"$url\",\"type\":\"$type\",\"providerNameSlug\":\"$provider\"} -->\n"
        . "<figure class=\"wp-block-embed is-type-$type is-provider-$provider wp-block-embed-$provider\"><div class=\"wp-block-embed__wrapper\">\n$url\n</div>$figcaption</figure>\n<!-- /wp:embed -->\n\n";
}
