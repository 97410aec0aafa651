<?php
// Writes WordPress's own export (Tools → Export, "All content") to stdout.
require getenv('LINERNOTES_WP_CORE') . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/export.php';
export_wp(['content' => 'all']);
