<?php
/*
 * Seeds the test WordPress through its own PHP API (never SQL): two
 * authors, categories and tags, images with sizes and captions, posts in
 * block markup covering every mapping the importer knows, a classic-editor
 * post, hostile posts, a 10,000-word post, a sticky post, "Film Out" as
 * the sample article has it, and comments (nested, pending, spam, a
 * pingback, and wpDiscuz-style inline feedback). All text is our own.
 * Records what the tests need to know in facts.json in the run folder.
 */
require getenv('LINERNOTES_WP_CORE') . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/file.php';
require_once ABSPATH . 'wp-admin/includes/media.php';
require_once ABSPATH . 'wp-admin/includes/image.php';
require __DIR__ . '/helpers.php';

$facts = ['posts' => []];
quiet_site();
// The install's sample post and page are not part of this magazine.
wp_delete_post(1, true);
wp_delete_post(2, true);

$aki = add_author('aki', 'Aki Morimoto', 'aki@linernotes.example');
$rosa = add_author('rosa', 'Rosa Lindqvist', 'rosa@linernotes.example');
$news = term('News', 'news', 'category');
$reviews = term('Reviews', 'reviews', 'category');
$features = term('Features & Essays', 'features', 'category');

$root = dirname(__DIR__, 2);
$hero = upload_file($root . '/public/images/film-out.svg', 'A strip of film frames in pale cream and sand tones, fading from dark to light.', 'Film Out', '“Film Out” arrived with the film it was written for.');
$poster = upload_file($root . '/public/images/film-out-poster.svg', 'A film poster frame', 'Film Out poster');
$stage = upload_png('stage-lights', 1600, 900, [30, 20, 60], [250, 180, 60], 'Amber stage lights over a dark violet stage.', 'Stage lights', 'The stage before the doors opened. Photo: Rosa Lindqvist');
$tape = upload_png('cassette-shelf', 1200, 1200, [20, 60, 70], [120, 220, 200], 'Rows of teal cassette spines on a shelf.', 'Cassette shelf');
$wide = upload_png('festival-field.jpg', 3000, 1600, [40, 70, 30], [230, 220, 120], 'A wide field at dusk with lanterns on poles.', 'Festival field', 'The field an hour before the first set.');
$sleeve = upload_png('record-sleeve', 800, 800, [90, 30, 30], [240, 200, 190], 'A red record sleeve with a cream circle.', 'Record sleeve');
$sleeve2 = upload_png('record-sleeve-back', 800, 800, [30, 30, 90], [190, 200, 240], 'The back of a blue record sleeve with a track list drawn as lines.', 'Record sleeve back');
$facts['media'] = compact('hero', 'poster', 'stage', 'tape', 'wide', 'sleeve', 'sleeve2');

// "Film Out", as public/content/articles/film-out.json has it.
$film_out = add_post([
    'post_title' => 'BTS release “Film Out”, a ballad written with back number’s Iyori Shimizu',
    'post_name' => 'film-out',
    'post_excerpt' => 'The Japanese-language single closes the film “Signal” and leads the way to the compilation “BTS, The Best”.',
    'post_date_gmt' => '2021-04-02 00:00:00',
    'post_author' => $aki,
    'post_category' => [$news],
    'tags_input' => ['BTS', 'back number', 'Iyori Shimizu', 'J-pop', 'K-pop', 'Soundtracks'],
    'post_content' => film_out_markup($hero, $poster),
], $hero);
$facts['posts']['film-out'] = $film_out;

$liner = add_post([
    'post_title' => 'In praise of the liner note',
    'post_name' => 'art-of-the-liner-note',
    'post_excerpt' => 'Why the small print inside a record sleeve still matters.',
    'post_date_gmt' => '2021-03-20 10:00:00',
    'post_author' => $rosa,
    'post_category' => [$features],
    'tags_input' => ['Liner notes', 'Vinyl'],
    'post_content' => block_p('Somewhere between the credits and the thank-yous, a liner note tells you how a record was made, and who was in the room when it happened.')
        . block_p('We still read them first, before the needle drops.'),
], $sleeve);
$facts['posts']['art-of-the-liner-note'] = $liner;

$tour = add_post([
    'post_title' => 'Every block we know: a tour of the editor',
    'post_name' => 'block-tour',
    'post_excerpt' => 'A post that uses each kind of block a magazine reaches for.',
    'post_date_gmt' => '2021-05-01 08:30:00',
    'post_author' => $rosa,
    'post_category' => [$features, $reviews],
    'tags_input' => ['Editor', 'Blocks'],
    'post_content' => tour_markup($film_out, $liner, $stage, $tape, $sleeve, $sleeve2, $wide),
], $stage);
$facts['posts']['block-tour'] = $tour;

$classic = add_post([
    'post_title' => 'Notes from the classic editor',
    'post_name' => 'classic-notes',
    'post_excerpt' => '',
    'post_date_gmt' => '2019-11-11 11:00:00',
    'post_author' => $aki,
    'post_category' => [$news],
    'tags_input' => ['Editor'],
    'post_content' => classic_markup($tape),
]);
$facts['posts']['classic-notes'] = $classic;

$hostile = add_post([
    'post_title' => 'Hostile markup <script>alert(1)</script> in a title',
    'post_name' => 'hostile-markup',
    'post_excerpt' => 'A post that tries <em>everything</em> a page should never run.',
    'post_date_gmt' => '2020-01-01 00:00:00',
    'post_author' => $aki,
    'post_category' => [$news],
    'post_content' => hostile_markup(),
]);
$facts['posts']['hostile-markup'] = $hostile;

$long = add_post([
    'post_title' => 'The long read: ten thousand words on the night bus',
    'post_name' => 'long-read',
    'post_excerpt' => 'A very long essay, to see that nothing gives way.',
    'post_date_gmt' => '2020-06-01 06:00:00',
    'post_author' => $rosa,
    'post_category' => [$features],
    'post_content' => long_markup(10000),
]);
$facts['posts']['long-read'] = $long;

$sticky = add_post([
    'post_title' => 'Lantern Field adds a second stage',
    'post_name' => 'lantern-field-second-stage',
    'post_excerpt' => 'The festival grows by one tent and twelve acts.',
    'post_date_gmt' => '2021-04-20 12:00:00',
    'post_author' => $aki,
    'post_category' => [$news],
    'tags_input' => ['Festivals', 'Lantern Field'],
    'post_content' => block_p('The organisers have added a second stage in the orchard, for acoustic sets between the main acts.'),
], $wide);
stick_post($sticky);
$facts['posts']['lantern-field-second-stage'] = $sticky;

// A slug WordPress allows and linernotes does not (percent-encoded Japanese).
$japanese = add_post([
    'post_title' => 'シティポップの夏',
    'post_excerpt' => 'A summer of city pop reissues.',
    'post_date_gmt' => '2021-07-07 07:00:00',
    'post_author' => $aki,
    'post_category' => [$reviews],
    'post_content' => block_p('Reissues of city pop records keep arriving every summer, and we keep buying them.'),
]);
$facts['posts']['japanese'] = $japanese;

// Underscores are fine in WordPress slugs, not in ours; and the cleaned-up
// slug collides with another post's.
$underscore = add_post([
    'post_title' => 'Mixtape, volume two',
    'post_name' => 'mixtape_vol_2',
    'post_excerpt' => 'Twelve songs for a long drive.',
    'post_date_gmt' => '2021-02-02 20:00:00',
    'post_author' => $rosa,
    'post_category' => [$features],
    'post_content' => block_p('Twelve songs, in the order we played them on the coast road.'),
]);
$taken = add_post([
    'post_title' => 'Mixtape, volume two (the other one)',
    'post_name' => 'mixtape-vol-2',
    'post_excerpt' => 'A second list with the same name.',
    'post_date_gmt' => '2021-02-03 20:00:00',
    'post_author' => $rosa,
    'post_category' => [$features],
    'post_content' => block_p('A different twelve songs, for the drive back.'),
]);
$facts['posts']['mixtape_vol_2'] = $underscore;
$facts['posts']['mixtape-vol-2'] = $taken;

// A post renamed after publishing: its old address must still lead to it.
$renamed = add_post([
    'post_title' => 'Cassette labels are back',
    'post_name' => 'tape-labels-return',
    'post_excerpt' => 'Small labels are dubbing tapes again.',
    'post_date_gmt' => '2021-03-03 09:00:00',
    'post_author' => $rosa,
    'post_category' => [$news],
    'post_content' => block_p('Small labels are dubbing tapes again, one batch of fifty at a time.'),
]);
wp_update_post(['ID' => $renamed, 'post_name' => 'cassette-labels-return']);
$facts['posts']['cassette-labels-return'] = $renamed;

// Not imported: a draft and a password-protected post.
add_post(['post_title' => 'A draft', 'post_status' => 'draft', 'post_content' => block_p('Not ready.')]);
$facts['posts']['protected'] = add_post([
    'post_title' => 'Members only', 'post_name' => 'members-only', 'post_password' => 'secret',
    'post_date_gmt' => '2021-01-01 00:00:00', 'post_content' => block_p('Hidden text.'),
]);
$facts['pages']['about'] = wp_insert_post([
    'post_type' => 'page', 'post_status' => 'publish', 'post_title' => 'About us', 'post_name' => 'about',
    'post_author' => $aki, 'post_content' => block_p('We write about records we love.'),
    'post_date_gmt' => '2019-01-01 00:00:00',
]);

$facts['comments'] = seed_comments($film_out, $tour);
$facts['app_password'] = app_password('editor');
$facts['users'] = ['editor' => 'editor'];
// A reusable block, which the tour names by number only. Made last, so
// every other post keeps the id the tests know it by.
$tour_dates = wp_insert_post(wp_slash([
    'post_type' => 'wp_block', 'post_status' => 'publish', 'post_title' => 'Tour dates',
    'post_content' => block_p('Tour dates, as the label sent them: Leeds in May, Porto in June.'),
]), true);
if (is_wp_error($tour_dates)) {
    throw new RuntimeException($tour_dates->get_error_message());
}
// Saving a post drops its cached players' titles, which this offline site
// cannot fetch again: keep them, as the first save did.
remove_action('pre_post_update', [$GLOBALS['wp_embed'], 'delete_oembed_caches']);
wp_update_post(wp_slash([
    'ID' => $tour,
    'post_content' => get_post_field('post_content', $tour) . "<!-- wp:block {\"ref\":$tour_dates} /-->\n",
]));

file_put_contents(getenv('LINERNOTES_WP_RUN') . '/facts.json', json_encode($facts, JSON_PRETTY_PRINT));
echo "seeded " . count($facts['posts']) . " posts\n";

function seed_comments($film_out, $tour)
{
    $ids = [];
    $top = comment($film_out, 'Mina Park', 'https://mina.example/', '2021-04-02 10:15:00', 'The piano intro got me before the first line. I have played it every morning since.', 0, ['wpdiscuz_votes' => 3]);
    $reply = comment($film_out, 'Jonas Weber', '', '2021-04-02 11:40:00', "Same here. The last chorus, when the harmonies gather, is <em>the</em> moment.\nI did not expect it.", $top);
    $deep = comment($film_out, 'Aki Morimoto', '', '2021-04-02 12:05:00', 'Thank you both: we wrote the article on the same loop.', $reply);
    $second = comment($film_out, 'Lea Costa', 'javascript:alert(1)', '2021-04-03 08:00:00', 'Is there a <strong>live</strong> version anywhere? See <a href="https://lea.example/notes">my notes</a>.', 0);
    $pending = comment($film_out, 'Waiting Reader', '', '2021-04-04 09:00:00', 'This one is still waiting for a moderator.', 0, [], '0');
    $spam = comment($film_out, 'Cheap Pills', 'https://spam.example/', '2021-04-04 09:30:00', 'Buy now!', 0, [], 'spam');
    $feedback = comment($film_out, 'Noor Haddad', '', '2021-04-05 19:00:00', 'Yes: like a reel you keep rewinding to one face.', 0, ['wpdiscuz_feedback_form_id' => 'fo-quote']);
    $feedback_reply = comment($film_out, 'Mina Park', 'https://mina.example/', '2021-04-05 20:00:00', 'Exactly that.', $feedback, ['wpdiscuz_feedback_form_id' => 'fo-quote']);
    $lyric = comment($film_out, 'Tomás Ruiz', '', '2021-04-06 07:30:00', 'A white screen after the credits, every time.', 0, ['wpdiscuz_feedback_form_id' => 'fo-lyric']);
    $ping = wp_insert_comment([
        'comment_post_ID' => $film_out, 'comment_author' => 'Another blog', 'comment_author_url' => 'https://blog.example/',
        'comment_content' => '[…] a pingback […]', 'comment_type' => 'pingback', 'comment_approved' => 1,
        'comment_date_gmt' => '2021-04-07 00:00:00', 'comment_date' => '2021-04-07 00:00:00',
    ]);
    $tour_comment = comment($tour, 'Ines Duarte', '', '2021-05-02 09:00:00', "Two paragraphs here.\n\nAnd a second one, with a list:\n<ul><li>first</li><li>second</li></ul>", 0);
    return compact('top', 'reply', 'deep', 'second', 'pending', 'spam', 'feedback', 'feedback_reply', 'lyric', 'ping', 'tour_comment');
}

function film_out_markup($hero, $poster)
{
    $feedback = fn ($id, $q, $text) => "[wpdiscuz-feedback id=\"$id\" question=\"$q\" opened=\"0\"]{$text}[/wpdiscuz-feedback]";
    return block_p('BTS have released “Film Out”, a new Japanese-language single and the theme song of the Japanese feature film “Signal” (シグナル), the big-screen continuation of the cold-case drama. The song reached fans on 2 April 2021, the day the film opened in cinemas across Japan.')
        . block_p('The song was written together with <strong>Iyori Shimizu</strong>, singer and songwriter of the Japanese band back number, whose own ballads have soundtracked many Japanese dramas. Jungkook of BTS (방탄소년단) is credited among its producers, which made the release a small milestone for fans who follow the members’ songwriting.')
        . block_h('A slow song about someone who stays')
        . block_p('Where the group’s recent English singles were bright and fast, “Film Out” moves at a walking pace. A piano and soft guitar carry the verses, the harmonies gather for the last chorus, and the song ends almost where it started, as if the story were being replayed from the beginning. It suits a film about messages that cross time.')
        . "<!-- wp:pullquote -->\n<figure class=\"wp-block-pullquote\"><blockquote><p>" . $feedback('fo-quote', 'Does the song feel like memory on film to you?', 'It is a song about memory behaving like film: frames you keep rewinding, and a face that never quite fades out.') . "</p><cite>Aki Morimoto, linernotes</cite></blockquote></figure>\n<!-- /wp:pullquote -->\n\n"
        . block_p('We have not reprinted the lyric here; instead, this is our own short sketch of its mood, written for this article:')
        . "<!-- wp:verse -->\n<pre class=\"wp-block-verse\">" . $feedback('fo-lyric', 'What does this mood bring back for you?', "The reel runs out, the screen goes white,\nyour shadow stays behind the light,\nI play the scene again tonight.") . "</pre>\n<!-- /wp:verse -->\n\n"
        . block_youtube('https://www.youtube.com/watch?v=zFT3f9biz68', 'BTS “Film Out” official music video')
        . block_h('On the way to “BTS, The Best”')
        . block_p('“Film Out” also opens the door to <em>BTS, The Best</em>, a two-disc compilation of the group’s Japanese-language songs, announced for release on 16 June 2021. Alongside the new single it gathers tracks the group recorded for the Japanese market from 2017 on.')
        . "<!-- wp:list -->\n<ul><li>Single: “Film Out”, released 2 April 2021</li><li>Written with Iyori Shimizu of back number</li><li>Theme of the film “Signal”</li><li>Included on <em>BTS, The Best</em> (16 June 2021)</li></ul>\n<!-- /wp:list -->\n\n"
        . block_p('More on the compilation as it arrives. For other stories about songs written for the screen, see our essay <a href="' . home_url('/2021/03/art-of-the-liner-note/') . '">In praise of the liner note</a>.');
}

function tour_markup($film_out, $liner, $stage, $tape, $sleeve, $sleeve2, $wide)
{
    $stage_url = wp_get_attachment_url($stage);
    $tape_mid = wp_get_attachment_image_src($tape, 'medium')[0];
    return block_p('Plain text, <em>emphasis</em>, <strong>strong words</strong>, <i>italic</i> and <b>bold</b>, a <a href="https://example.org/records">link elsewhere</a>, <a href="mailto:letters@linernotes.example">a letter</a>, and links home: <a href="' . get_permalink($film_out) . '">by permalink</a>, <a href="' . home_url('/?p=' . $film_out) . '">by id</a>, <a href="' . home_url('/2021/03/art-of-the-liner-note') . '">without the slash</a> and <a href="/2021/03/tape-labels-return/">by an old slug</a>.')
        . block_h('Headings at two levels')
        . "<!-- wp:heading {\"level\":3} -->\n<h3>A third-level heading</h3>\n<!-- /wp:heading -->\n\n"
        . "<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\"><p>A quote is a quote, whoever said it first.</p><p>And it can run to two paragraphs.</p><cite>Rosa Lindqvist</cite></blockquote>\n<!-- /wp:quote -->\n\n"
        . "<!-- wp:pullquote -->\n<figure class=\"wp-block-pullquote\"><blockquote><p>Pull quotes shout a little.</p><cite>The editors</cite></blockquote></figure>\n<!-- /wp:pullquote -->\n\n"
        . "<!-- wp:verse -->\n<pre class=\"wp-block-verse\">First line of a verse,\nsecond line, <em>leaning</em>,\nthird line home.</pre>\n<!-- /wp:verse -->\n\n"
        . block_youtube('https://youtu.be/aqz-KE-bpKQ', '')
        . "<!-- wp:image {\"id\":$stage,\"sizeSlug\":\"large\",\"linkDestination\":\"custom\"} -->\n<figure class=\"wp-block-image size-large\"><a href=\"" . get_permalink($film_out) . "\"><img src=\"" . wp_get_attachment_image_src($stage, 'large')[0] . "\" alt=\"Amber stage lights over a dark violet stage.\" class=\"wp-image-$stage\"/></a><figcaption class=\"wp-element-caption\">The stage before the doors opened. Photo: Rosa Lindqvist</figcaption></figure>\n<!-- /wp:image -->\n\n"
        . "<!-- wp:image {\"id\":$wide,\"sizeSlug\":\"full\",\"linkDestination\":\"media\"} -->\n<figure class=\"wp-block-image size-full\"><a href=\"" . wp_get_attachment_url($wide) . "\"><img src=\"" . wp_get_attachment_url($wide) . "\" alt=\"A wide field at dusk with lanterns on poles.\" class=\"wp-image-$wide\"/></a></figure>\n<!-- /wp:image -->\n\n"
        . "<!-- wp:list -->\n<ul><li>An item with <em>emphasis</em></li><li>An item with a nested list<ul><li>nested one</li><li>nested two</li></ul></li></ul>\n<!-- /wp:list -->\n\n"
        . "<!-- wp:list {\"ordered\":true} -->\n<ol><li>First</li><li>Second</li></ol>\n<!-- /wp:list -->\n\n"
        . "<!-- wp:gallery {\"linkTo\":\"none\"} -->\n<figure class=\"wp-block-gallery has-nested-images columns-default is-cropped\">"
        . "<!-- wp:image {\"id\":$sleeve} -->\n<figure class=\"wp-block-image size-large\"><img src=\"" . wp_get_attachment_image_src($sleeve, 'medium')[0] . "\" alt=\"A red record sleeve with a cream circle.\" class=\"wp-image-$sleeve\"/><figcaption class=\"wp-element-caption\">Front</figcaption></figure>\n<!-- /wp:image -->\n\n"
        . "<!-- wp:image {\"id\":$sleeve2} -->\n<figure class=\"wp-block-image size-large\"><img src=\"" . wp_get_attachment_image_src($sleeve2, 'medium')[0] . "\" alt=\"The back of a blue record sleeve with a track list drawn as lines.\" class=\"wp-image-$sleeve2\"/></figure>\n<!-- /wp:image -->\n"
        . "</figure>\n<!-- /wp:gallery -->\n\n"
        . "<!-- wp:columns -->\n<div class=\"wp-block-columns\"><!-- wp:column -->\n<div class=\"wp-block-column\">" . block_p('Left column text.') . "</div>\n<!-- /wp:column -->\n\n<!-- wp:column -->\n<div class=\"wp-block-column\">" . block_p('Right column text.') . "</div>\n<!-- /wp:column --></div>\n<!-- /wp:columns -->\n\n"
        . "<!-- wp:group -->\n<div class=\"wp-block-group\">" . block_p('Text inside a group.') . "</div>\n<!-- /wp:group -->\n\n"
        . "<!-- wp:cover {\"url\":\"$stage_url\",\"id\":$stage,\"dimRatio\":50} -->\n<div class=\"wp-block-cover\"><span aria-hidden=\"true\" class=\"wp-block-cover__background has-background-dim\"></span><img class=\"wp-block-cover__image-background wp-image-$stage\" alt=\"\" src=\"$stage_url\" data-object-fit=\"cover\"/><div class=\"wp-block-cover__inner-container\">" . block_p('Text over a cover image.') . "</div></div>\n<!-- /wp:cover -->\n\n"
        . "<!-- wp:paragraph -->\n<p>A passage with [wpdiscuz-feedback id=\"tour-1\" question=\"Which block do you use most?\" opened=\"1\"]feedback around <em>this</em> sentence[/wpdiscuz-feedback], and a leftover [gallery-slider speed=\"3\"] shortcode.</p>\n<!-- /wp:paragraph -->\n\n"
        . "<!-- wp:table -->\n<figure class=\"wp-block-table\"><table><tbody><tr><td>Tables</td><td>are left out</td></tr></tbody></table></figure>\n<!-- /wp:table -->\n\n"
        . "<!-- wp:html -->\n<div class=\"widget\"><marquee>Custom HTML is left out</marquee></div>\n<!-- /wp:html -->\n\n"
        . block_embed('https://open.spotify.com/album/1DFixLWuPkv3KT3TnV35m3', 'rich', 'spotify', 'Paper Moons – Low Tide (Live)')
        . block_embed('https://soundcloud.com/kestrel-lamps/harbour-lights', 'rich', 'soundcloud', '')
        . block_embed('https://vimeo.com/76979871', 'video', 'vimeo', '')
        . block_embed('https://www.mixcloud.com/linernotes/night-bus-mix/', 'rich', 'mixcloud', '')
        . "<!-- wp:separator -->\n<hr class=\"wp-block-separator has-alpha-channel-opacity\"/>\n<!-- /wp:separator -->\n\n"
        . "<!-- wp:code -->\n<pre class=\"wp-block-code\"><code>code blocks are left out</code></pre>\n<!-- /wp:code -->\n\n"
        . "<!-- wp:image -->\n<figure class=\"wp-block-image\"><img src=\"$tape_mid\" alt=\"\"/></figure>\n<!-- /wp:image -->\n\n"
        . block_p('The end of the tour.');
}

function classic_markup($tape)
{
    $src = wp_get_attachment_image_src($tape, 'medium');
    return "The classic editor stores paragraphs as plain text with blank lines between them.\n\n"
        . "This is the second paragraph, with <em>emphasis</em> and a line\nbreak inside it.\n\n"
        . "[caption id=\"attachment_$tape\" align=\"aligncenter\" width=\"{$src[1]}\"]<img class=\"size-medium wp-image-$tape\" src=\"{$src[0]}\" alt=\"Rows of teal cassette spines on a shelf.\" width=\"{$src[1]}\" height=\"{$src[2]}\" /> Tapes on the shelf at the label’s office. Photo: Aki Morimoto[/caption]\n\n"
        . "https://www.youtube.com/watch?v=M7lc1UVf-VE&t=90s\n\n"
        . "<h2>A heading in classic markup</h2>\n"
        . "A paragraph straight after the heading.\n\n"
        . "<ul>\n<li>One</li>\n<li>Two</li>\n</ul>\n\n"
        . "<blockquote>A quoted line in classic markup.</blockquote>\n\n"
        . "The last paragraph.";
}

function hostile_markup()
{
    return block_p('Before the trap: <a href="javascript:alert(1)">a script link</a>, <a href=" JaVaScRiPt:alert(2)">another</a>, <a href="data:text/html,&lt;script&gt;alert(3)&lt;/script&gt;">a data link</a>, <a href="//evil.example/">a protocol-relative link</a> and <a href="https://example.org/safe" onclick="alert(4)">a safe link with a handler</a>.')
        . "<!-- wp:paragraph -->\n<p onmouseover=\"alert(5)\" style=\"color:red\">Hover text<script>alert(6)</script> stays text.</p>\n<!-- /wp:paragraph -->\n\n"
        . "<script>document.title = 'owned'</script>\n\n"
        . "<iframe src=\"https://tracker.example/frame\" title=\"Unknown frame\"></iframe>\n\n"
        . "<!-- wp:paragraph -->\n<p><img src=\"https://tracker.example/pixel.gif\" onerror=\"alert(7)\" alt=\"tracking pixel\"></p>\n<!-- /wp:paragraph -->\n\n"
        . "<svg onload=\"alert(8)\"><script>alert(9)</script></svg>\n\n"
        . "<object data=\"https://tracker.example/x.swf\"></object>\n\n"
        . "<form action=\"https://tracker.example/\"><input name=\"q\"></form>\n\n"
        . "<style>body{display:none}</style>\n\n"
        . block_p('&lt;script&gt;alert(10)&lt;/script&gt; is written here as text.')
        . "<!-- wp:heading -->\n<h2 onclick=\"alert(11)\">A heading <img src=x onerror=alert(12)>with an image inside</h2>\n<!-- /wp:heading -->\n\n"
        . "<!-- wp:embed {\"url\":\"https://www.youtube.com/watch?v=bad%22onload\",\"type\":\"video\",\"providerNameSlug\":\"youtube\"} -->\n<figure class=\"wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube\"><div class=\"wp-block-embed__wrapper\">\nhttps://www.youtube.com/watch?v=bad&quot;onload\n</div></figure>\n<!-- /wp:embed -->\n\n"
        . block_p('The last safe paragraph.');
}

function long_markup($words)
{
    $sentences = [
        'The night bus leaves the depot at a quarter past one, and the driver keeps the radio low.',
        'Somebody at the back is humming a chorus that nobody else on board can place.',
        'Every stop has its own sound: a hiss of brakes, a door, a cough, the city breathing out.',
        'We rode the route for a month with a notebook and a small recorder.',
        'By the third week the regulars nodded to us, and one of them asked what we were listening for.',
        'The answer changed every night, which is perhaps the point of riding at all.',
    ];
    $out = '';
    $count = 0;
    $n = 0;
    while ($count < $words) {
        $para = [];
        for ($i = 0; $i < 5; $i++) {
            $para[] = $sentences[$n % count($sentences)];
            $n++;
        }
        $text = implode(' ', $para);
        $count += str_word_count($text);
        $out .= block_p($text);
        if ($n % 60 === 0) {
            $out .= block_h('Part ' . intdiv($n, 60));
        }
    }
    return $out;
}
