<?php
// PHP's SoapServer serving php-encoded.wsdl (rpc/encoded, SOAP-encoded arrays), started by
// `php -S 127.0.0.1:PORT php-encoded.php`; `nothing` returns PHP's null (xsi:nil on the wire).
ini_set('soap.wsdl_cache_enabled', '0');
ini_set('display_errors', 'stderr');

function reverse($list) { return array_reverse($list); }
function movePoints($points, $dx) {
  return array_map(fn($p) => ['x' => $p->x + $dx, 'label' => $p->label], $points);
}
function nothing() { return null; }

if ($_SERVER['REQUEST_METHOD'] !== 'POST') {
  header('Content-Type: text/xml');
  readfile(__DIR__ . '/php-encoded.wsdl');
  exit;
}
$server = new SoapServer(__DIR__ . '/php-encoded.wsdl', ['cache_wsdl' => WSDL_CACHE_NONE]);
$server->addFunction(['reverse', 'movePoints', 'nothing']);
$server->handle();
