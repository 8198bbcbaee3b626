<?php
// PHP's SoapServer serving php-literal.wsdl (run by `php -S 127.0.0.1:PORT php-literal.php`): it
// echoes what it reads, so every value the client sent comes back through PHP's own XML.
// The SOAP version follows the request's Content-Type, as one server serves both bindings.
ini_set('soap.wsdl_cache_enabled', '0');
ini_set('display_errors', 'stderr');

class Interop {
  public function Echo($in) {
    return ['item' => $in->item, 'length' => strlen($in->item->text)];
  }
  public function Ping() {
    return ['ok' => 'pong'];
  }
  public function Fail($in) {
    throw new SoapFault('Server', 'failed on purpose', null, (object) ['code' => $in->code, 'reason' => "code <{$in->code}>"], 'FailFault');
  }
  public function Log($in) {
    file_put_contents(getenv('INTEROP_LOG'), $in->line, FILE_APPEND);
  }
}

if ($_SERVER['REQUEST_METHOD'] !== 'POST') {
  header('Content-Type: text/xml');
  readfile(__DIR__ . '/php-literal.wsdl');
  exit;
}
$soap12 = str_starts_with($_SERVER['CONTENT_TYPE'] ?? '', 'application/soap+xml');
$server = new SoapServer(__DIR__ . '/php-literal.wsdl', [
  'soap_version' => $soap12 ? SOAP_1_2 : SOAP_1_1,
  'features' => SOAP_SINGLE_ELEMENT_ARRAYS,
  'cache_wsdl' => WSDL_CACHE_NONE,
]);
$server->setClass('Interop');
$server->handle();
