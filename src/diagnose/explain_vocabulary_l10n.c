/* Localised messages: the words a German, French, Spanish, Portuguese,
 * Italian, Dutch, Polish, Japanese, Chinese (Simplified and Traditional),
 * Korean, Russian, Ukrainian, Turkish, Czech, Swedish, Danish, Norwegian
 * (Nynorsk) or Hungarian Windows, .NET or Thunderbird prints where an
 * English one prints the texts of explain_rules.c and
 * explain_vocabulary.c. A third table of rules (explain_rules.h), weighed
 * with the other two as one list (explain_match.c).
 *
 * Every phrase is copied from a public source named above its block: a
 * localisation file, a Microsoft Learn page in that language, or a
 * program's output someone pasted into a public file. None is our own
 * translation; where no source was found, the language is left out of
 * that message (the list at the end of this comment). A phrase is the
 * part of the message every instance shares, as in explain_vocabulary.c:
 * "%s" parts and trailing full stops left out, where sources differ in a
 * word only the words they share, lower-cased and in the normal form of
 * errtext_norm.h (typographic apostrophes become ASCII ones).
 *
 * The normal form keeps non-ASCII letters as UTF-8; matching lowers ASCII,
 * the Latin capitals from U+00C0 to U+017F ("Ü", "É", "Ł"), the Cyrillic
 * ones from U+0400 to U+042F ("С", "Ё", "І") and the Greek ones, so a
 * phrase is written in small letters ("é", "ü", "ł", "с", "ё") and matches
 * a text in capitals too; Chinese, Japanese and Korean need no folding.
 * (Phrases written before matching lowered the Latin capitals are cut to
 * the words after a capital: German nouns such as
 * "Übertragungsverbindung", Polish "Łańcuch".)
 *
 * Some phrases come from Microsoft Learn's "SSPI Status Codes" page in
 * that language, a translation of the documentation that may word a
 * message differently from the one Windows prints (de-de has two
 * wordings); they are used where no pasted program output was found, and
 * each block says which.
 *
 * Cause, weight, sides and "with" condition are those of the English
 * rule the message translates; each block names it. Like the English
 * texts, a message that several causes can print (.NET's "invalid
 * according to the validation procedure", SChannel's "do not possess a
 * common algorithm") supports each of them with weight 2.
 *
 * Left out, no verbatim source found in the searches made: "the target
 * principal name is incorrect" in Portuguese, Italian, Dutch, Polish,
 * Ukrainian, Turkish, Czech and Swedish; "issued by an authority that is
 * not trusted" in Italian, Dutch and Ukrainian; "the received certificate
 * has expired" but in German, French, Russian, Japanese, Chinese and
 * Korean; "do not possess a common algorithm" but in German, Japanese,
 * Chinese and Korean; "unable to read data from the transport connection"
 * but in German, Japanese, Simplified Chinese and Russian; .NET's "invalid
 * according to the validation procedure" in Ukrainian, Turkish, Czech and
 * Swedish; .NET SmtpClient's "requires a secure connection" in Dutch,
 * Traditional Chinese, Korean, Ukrainian, Turkish, Czech and Swedish; its
 * "Server does not support secure connections" in every language; NSS
 * texts in Japanese (Mozilla's ja files keep them in English) and Turkish,
 * Finnish, Romanian and Norwegian Bokmål (no nsserrors file for them in
 * the localisation repositories read). Danish, Nynorsk and Hungarian have
 * only the NSS texts: their Windows and .NET texts were not searched for,
 * nor any Finnish or Romanian ones, nor Winsock's 10060 and 10061 in any
 * language after Polish. .NET's "Failure sending mail" has no English rule
 * to follow, and Outlook's "The server you are connected to is using a
 * security certificate that cannot be verified" is a side phrase in
 * English, not a cause, so neither has a localised rule here. */
#include "explain_rules.h"

#include "mxtls/diagnose.h"

#define P(...) ((const char *const[]){__VA_ARGS__, NULL})
#define CLI SIDE_BIT(MXTLS_SIDE_CLIENT)
#define TOOL SIDE_BIT(MXTLS_SIDE_TOOL)
#define SEND SIDE_BIT(MXTLS_SIDE_SENDER)

/* .NET's "The remote certificate is invalid according to the validation
 * procedure" (sources in its block below): a name or a chain, so both. */
#define INVALID_BY_VALIDATION_PROCEDURE                                                     \
    P("das remotezertifikat ist laut validierungsverfahren ungültig",                       \
      "le certificat distant n'est pas valide selon la procédure de validation",            \
      "el certificado remoto no es válido según el procedimiento de validación",            \
      "de acordo com o procedimento de validação",                                           \
      "il certificato remoto non è valido in base alla procedura di convalida",             \
      "het externe certificaat is ongeldig volgens de validatieprocedure",                  \
      "certyfikat zdalny jest nieprawidłowy zgodnie z procedurą sprawdzania poprawności",      \
      "検証プロシージャによると、リモート証明書は無効です", "根据验证过程，远程证书无效",     \
      "遠端憑證是無效的", "원격 인증서가 잘못되었습니다", "удаленный сертификат недействителен")

const struct mxtls__cause_rule mxtls__l10n_vocabulary_rules[] = {
    /* ==== Windows SChannel: SEC_E_WRONG_PRINCIPAL ========================
     * English: "the target principal name is incorrect" (explain_rules.c,
     * cert.name-mismatch 3).
     * de: Outlook's security alert as windows-faq.de quotes it
     *   (windows-faq.de/2023/05/30/der-zielprinzipalname-ist-falsch/:
     *   "Der Zielprinzipalname ist falsch."), the same words in Microsoft
     *   Learn de-de (sql/database-engine/configure-windows/enable-encrypted-
     *   connections-to-the-database-engine, "Häufige Verbindungsfehler") and
     *   a reqwest error pasted in a public Rust test ("Der Zielprinzipalname
     *   ist falsch. (os error -2146893022)").
     * fr: Microsoft Learn fr-fr, the same page ("Le nom du principal cible
     *   est incorrect.") and the AD replication error -2146893022 page ("le
     *   nom de principal cible est incorrect"): the words both share.
     * es: Microsoft Learn es-es, the same two pages ("El nombre principal de
     *   destino es incorrecto.").
     * ja: curl's schannel error pasted in a public file ("schannel: SNI or
     *   certificate check failed: SEC_E_WRONG_PRINCIPAL (0x80090322) -
     *   対象のプリンシパル名が間違っています。"), Microsoft Learn ja-jp
     *   (enable-encrypted-connections, "一般的な接続エラー") and
     *   support.microsoft.com/ja-jp/help/2090913 (AD replication error
     *   2146893022).
     * zh-CN: Microsoft Learn zh-cn, the same SQL Server page and the AD
     *   replication page ("目标主体名称不正确。").
     * zh-TW: Microsoft Learn zh-tw, the same two pages ("目標主體名稱不正確。").
     * ko: Microsoft Learn ko-kr, the same SQL Server page ("대상 보안 주체
     *   이름이 잘못되었습니다.").
     * ru: curl's schannel error pasted in public files ("SEC_E_WRONG_
     *   PRINCIPAL (0x80090322) - Главное конечное имя неверно."). */
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0,
     P("zielprinzipalname ist falsch", "principal cible est incorrect",
       "el nombre principal de destino es incorrecto", "対象のプリンシパル名が間違っています",
       "目标主体名称不正确", "目標主體名稱不正確", "대상 보안 주체 이름이 잘못되었습니다",
       "главное конечное имя неверно"), NULL},

    /* ==== Windows SChannel: SEC_E_UNTRUSTED_ROOT / CERT_E_UNTRUSTEDROOT ==
     * English: "issued by an authority that is not trusted"
     * (explain_rules.c, cert.untrusted 3).
     * de: reqwest/Schannel error in a public Rust test ("Die
     *   Zertifikatkette wurde von einer nicht vertrauenswürdigen
     *   Zertifizierungsstelle ausgestellt. (os error -2146762487)"), and
     *   Microsoft Learn de-de (enable-encrypted-connections, as above).
     * fr: curl's schannel error pasted in public READMEs ("schannel:
     *   SEC_E_UNTRUSTED_ROOT (0x80090325) - La chaîne de certificats a été
     *   fournie par une autorité qui n'est pas approuvée.") and Microsoft
     *   Learn fr-fr ("La chaîne de certificats a été émise par une autorité
     *   qui n'est pas approuvée."): the words both share.
     * es: SQL Server client errors pasted in public files ("(provider: SSL
     *   Provider, error: 0 - La cadena de certificación fue emitida por una
     *   entidad en la que no se confía.)").
     * pt: the same, pt-BR ("(provider: SSL Provider, error: 0 - A cadeia de
     *   certificação foi emitida por uma autoridade que não é de
     *   confiança.)"; sqlcmd "SSL Provider: A cadeia de certificação ...").
     * pl: the same, pl ("error: 0 - Łańcuch certyfikatów został wystawiony
     *   przez urząd, którego nie jest zaufany."; Microsoft Learn pl-pl
     *   "... przez urząd, który nie jest zaufany."): the words after the
     *   upper case "Ł" that both share.
     * ja: SqlClient's and Win32Exception's texts as Microsoft Learn ja-jp
     *   quotes them ("(プロバイダー: SSL プロバイダー、エラー: 0 - 証明書
     *   チェーンは、信頼されていない機関によって発行されました。)",
     *   "証明書チェーンは信頼されていない機関によって発行されました", and the
     *   enable-encrypted-connections page's "この証明書チェーンは、...");
     *   the words all share.
     * zh-CN: SQL Server client errors and the Win32Exception pasted in
     *   public files ("(provider: SSL Provider, error: 0 - 证书链是由不受信任
     *   的颁发机构颁发的。)", "System.ComponentModel.Win32Exception
     *   (0x80090325): 证书链是由不受信任的颁发机构颁发的").
     * zh-TW: the same ("(provider: SSL Provider, error: 0 - 此憑證鏈結是由不受
     *   信任的授權單位發出的。)") and Microsoft Learn zh-tw
     *   (enable-encrypted-connections).
     * ko: Microsoft Learn ko-kr, the same page ("인증서 체인이 신뢰할 수 없는
     *   인증 기관으로부터 발급되었습니다.").
     * ru: curl's schannel error pasted in public files ("SEC_E_UNTRUSTED_
     *   ROOT (0x80090325) - Цепочка сертификатов выпущена центром
     *   сертификации, не имеющим доверия.").
     * tr: SQL Server client errors pasted in public READMEs ("(provider: SSL
     *   Provider, error: 0 - Sertifika zinciri güvenilmeyen bir yetkili
     *   tarafından verildi.)").
     * cs: Microsoft Learn cs-cz words it three ways ("Řetěz certifikátů byl
     *   vydán autoritou, která není důvěryhodná.", "... byl vydán orgánem,
     *   který není důvěryhodný.", "... byl vydán nedůvěryhodnou
     *   autoritou."): the words all share.
     * sv: a SQL Server client error pasted in a public file ("(provider: SSL
     *   Provider, error: 0 - Certifikatkedjan utfärdades av en icke betrodd
     *   certifikatutfärdare.)"). */
    {MXTLS_F_CERT_UNTRUSTED, 3, 0,
     P("zertifikatkette wurde von einer nicht vertrauenswürdigen zertifizierungsstelle "
       "ausgestellt",
       "par une autorité qui n'est pas approuvée",
       "la cadena de certificación fue emitida por una entidad en la que no se confía",
       "a cadeia de certificação foi emitida por uma autoridade que não é de confiança",
       "certyfikatów został wystawiony przez urząd", "信頼されていない機関によって発行されました",
       "证书链是由不受信任的颁发机构颁发的", "憑證鏈結是由不受信任的授權單位發出的",
       "인증서 체인이 신뢰할 수 없는 인증 기관으로부터 발급되었습니다",
       "цепочка сертификатов выпущена центром сертификации, не имеющим доверия",
       "sertifika zinciri güvenilmeyen bir yetkili tarafından verildi",
       "řetěz certifikátů byl vydán",
       "certifikatkedjan utfärdades av en icke betrodd certifikatutfärdare"), NULL},

    /* ==== Windows SChannel: SEC_E_CERT_EXPIRED ===========================
     * English: "the received certificate has expired"
     * (explain_vocabulary.c, cert.expired 3).
     * de: reqwest/Schannel error in a public Rust test ("Das empfangene
     *   Zertifikat ist abgelaufen. (os error -2146762495)"); Microsoft Learn
     *   de-de, Win32 SSL_ERR_CERT_EXPIRED ("Das empfangene Zertifikat ist
     *   abgelaufen.").
     * fr: Microsoft Learn fr-fr, Win32 SSL_ERR_CERT_EXPIRED ("Le certificat
     *   reçu a expiré.").
     * ru: curl's schannel error pasted in public files ("schannel: next
     *   InitializeSecurityContext failed: SEC_E_CERT_EXPIRED (0x80090328) -
     *   Получен сертификат с истекшим сроком действия.").
     * ja, zh-CN, zh-TW, ko: Microsoft Learn, "SSPI Status Codes" in each
     *   language (win32/secauthn/sspi-status-codes, SEC_E_CERT_EXPIRED):
     *   "受信した証明書の有効期限が切れています。", "收到的证书已过期。",
     *   "收到的憑證已過期。", "받은 인증서가 만료되었습니다.". */
    {MXTLS_F_CERT_EXPIRED, 3, 0,
     P("das empfangene zertifikat ist abgelaufen", "le certificat reçu a expiré",
       "получен сертификат с истекшим сроком действия", "受信した証明書の有効期限が切れています",
       "收到的证书已过期", "收到的憑證已過期", "받은 인증서가 만료되었습니다"),
     NULL},

    /* ==== Windows SChannel: SEC_E_ALGORITHM_MISMATCH =====================
     * English: "do not possess a common algorithm" (explain_rules.c:
     * sender.tls-config 2 for a sender or client, tls.no-shared-cipher 2,
     * tls.protocol-old 2).
     * de: Microsoft Learn de-de, Azure Automation hybrid runbook worker
     *   troubleshooting ("System.ComponentModel.Win32Exception: Client und
     *   Server können nicht kommunizieren, da sie keinen gemeinsamen
     *   Algorithmus besitzen.").
     * ja, ko: Microsoft Learn, "SSPI Status Codes" (SEC_E_ALGORITHM_MISMATCH):
     *   "クライアントとサーバーは共通のアルゴリズムを保持していないため通信
     *   できません。", "클라이언트와 서버는 공통 알고리즘을 가지고 있지 않으므로
     *   통신할 수 없습니다.".
     * zh-CN: Microsoft Learn zh-cn words it two ways ("SSPI Status Codes":
     *   "客户端和服务器无法通信,因为它们不具有通用算法。"; Application
     *   Insights availability tests: "客户端和服务器无法通信，因为没有通用
     *   算法。"): the words before the comma, which both share.
     * zh-TW: Microsoft Learn zh-tw, "SSPI Status Codes" ("用戶端和伺服器無法
     *   通訊,因為它們沒有通用演算法。"): the words before the comma, as in
     *   zh-CN. */
#define NO_COMMON_ALGORITHM                                                                  \
    P("da sie keinen gemeinsamen algorithmus besitzen",                                       \
      "共通のアルゴリズムを保持していないため通信できません",                                 \
      "공통 알고리즘을 가지고 있지 않으므로 통신할 수 없습니다", "客户端和服务器无法通信",  \
      "用戶端和伺服器無法通訊")
    {MXTLS_F_SENDER_TLS_CONFIG, 2, SEND | CLI, NO_COMMON_ALGORITHM, NULL},
    {MXTLS_F_TLS_NO_SHARED_CIPHER, 2, 0, NO_COMMON_ALGORITHM, NULL},
    {MXTLS_F_TLS_PROTOCOL_OLD, 2, 0, NO_COMMON_ALGORITHM, NULL},

    /* ==== .NET: net_ssl_io_cert_validation ===============================
     * English: "invalid according to the validation procedure"
     * (explain_rules.c: cert.name-mismatch 2, cert.untrusted 2).
     * The AuthenticationException as Microsoft Learn pages in each
     * language quote it (ASP.NET Core "enforcing SSL" troubleshooting, SSIS
     * Scale Out troubleshooting, Database Migration Service known issues):
     * de "Das Remotezertifikat ist laut Validierungsverfahren ungültig.",
     * fr "Le certificat distant n'est pas valide selon la procédure de
     * validation.", es "El certificado remoto no es válido según el
     * procedimiento de validación.", pt-BR "O certificado remoto é inválido
     * de acordo com o procedimento de validação." (Power BI's paste in a
     * public file writes "é inválido, de acordo com": the words both share),
     * it "Il certificato remoto non è valido in base alla procedura di
     * convalida.", nl "Het externe certificaat is ongeldig volgens de
     * validatieprocedure", pl "Certyfikat zdalny jest nieprawidłowy zgodnie
     * z procedurą sprawdzania poprawności". The German text is also pasted
     * in public SmtpClient code ("Fixes the issue: Das Remotezertifikat ist
     * laut Validierungsverfahren ungültig").
     * ja: Microsoft Learn ja-jp (SSIS Scale Out, ASP.NET Core, Database
     *   Migration Service, Data Factory): "検証プロシージャによると、リモート
     *   証明書は無効です。".
     * zh-CN: Microsoft Learn zh-cn (ASP.NET Core) and the exception pasted in
     *   public code ("System.Security.Authentication.AuthenticationException:
     *   根据验证过程，远程证书无效。").
     * zh-TW: Microsoft Learn zh-tw (SSIS Scale Out: "根據驗證程序，遠端憑證
     *   是無效的。") and public code quoting it with an ASCII comma ("根據
     *   驗證程序,遠端憑證是無效的"): the words after the comma.
     * ko: Microsoft Learn ko-kr (SSIS Scale Out, Data Factory: "유효성 검사
     *   절차에 따르면 원격 인증서가 잘못되었습니다."; SignalR: "유효성 검사
     *   절차에 따라 원격 인증서가 잘못되었습니다."): the words both share.
     * ru: public code quoting the exception ("AuthenticationException:
     *   Удаленный сертификат недействителен согласно результатам проверки
     *   подлинности.") and Microsoft Learn ru-ru (SignalR: "Удаленный
     *   сертификат недействителен в соответствии с процедурой проверки"):
     *   the words both share. */
    {MXTLS_F_CERT_NAME_MISMATCH, 2, 0, INVALID_BY_VALIDATION_PROCEDURE, NULL},
    {MXTLS_F_CERT_UNTRUSTED, 2, 0, INVALID_BY_VALIDATION_PROCEDURE, NULL},

    /* ==== Winsock WSAETIMEDOUT (10060) ===================================
     * English: "did not properly respond after a period of time"
     * (explain_rules.c, net.timeout 2).
     * Python's "[WinError 10060]" and .NET's SocketException as pasted in
     * public files; where Windows versions word it differently, the words
     * all share:
     * de "Ein Verbindungsversuch ist fehlgeschlagen, da die Gegenstelle nach
     *   einer bestimmten Zeitspanne nicht richtig reagiert hat" (Python,
     *   Rust "os error 10060"), "... nicht ordnungsgemäß reagiert hat"
     *   (.NET, Microsoft Learn de-de SQL Server error 10060);
     * fr "Une tentative de connexion a échoué car le parti connecté n'a pas
     *   répondu convenablement au-delà d'une certaine durée" (PHP PDO
     *   "[2002]"), "... la partie connectée n'a pas répondu ..." (.NET);
     * es "Se produjo un error durante el intento de conexión ya que la parte
     *   conectada no respondió adecuadamente tras un periodo de tiempo";
     * pt "Uma tentativa de conexão falhou porque a parte conectada não
     *   respondeu corretamente após um período de tempo" (.NET, Microsoft
     *   Learn pt-br; pt-PT "a parte ligada não respondeu corretamente ...");
     * it "Impossibile stabilire la connessione. Risposta non corretta della
     *   parte connessa dopo l'intervallo di tempo" (Python), ".. dopo un
     *   intervallo di tempo" (.NET);
     * nl "Een verbindingspoging is mislukt omdat de verbonden partij niet
     *   correct heeft gereageerd na een bepaalde periode" (an API client's
     *   paste; Microsoft Learn nl-nl Dual-write "... omdat de verbonden
     *   partij niet correct reageert");
     * pl "Próba połączenia nie powiodła się, ponieważ połączona strona nie
     *   odpowiedziała poprawnie po ustalonym okresie czasu" (Python, ODBC
     *   Driver 18 "(10060)"). */
    {MXTLS_F_NET_TIMEOUT, 2, 0,
     P("gegenstelle nach einer bestimmten zeitspanne nicht",
       "n'a pas répondu convenablement au-delà d'une certaine durée",
       "la parte conectada no respondió adecuadamente tras un periodo de tiempo",
       "não respondeu corretamente após um período de tempo",
       "risposta non corretta della parte connessa dopo",
       "verbindingspoging is mislukt omdat de verbonden partij",
       "połączona strona nie odpowiedziała poprawnie po ustalonym okresie czasu"),
     NULL},

    /* ==== Winsock WSAECONNREFUSED (10061) ================================
     * English: "actively refused" (explain_rules.c, net.refused 2).
     * Python's "[WinError 10061]", Go's "connectex:", .NET's
     * HttpRequestException and Rust's "(os error 10061)" as pasted in
     * public files:
     * de "Es konnte keine Verbindung hergestellt werden, da der
     *   Zielcomputer die Verbindung verweigerte";
     * fr "Aucune connexion n'a pu être établie car l'ordinateur cible l'a
     *   expressément refusée";
     * es "No se puede establecer una conexión ya que el equipo de destino
     *   denegó expresamente dicha conexión";
     * pt "Nenhuma conexão pôde ser feita porque a máquina de destino as
     *   recusou ativamente";
     * it "Impossibile stabilire la connessione. Rifiuto persistente del
     *   computer di destinazione";
     * nl "Kan geen verbinding maken omdat de doelcomputer de verbinding
     *   actief heeft geweigerd";
     * pl "Nie można nawiązać połączenia, ponieważ komputer docelowy
     *   aktywnie go odmawia". */
    {MXTLS_F_NET_REFUSED, 2, 0,
     P("da der zielcomputer die verbindung verweigerte",
       "l'ordinateur cible l'a expressément refusée",
       "el equipo de destino denegó expresamente dicha conexión",
       "a máquina de destino as recusou ativamente",
       "rifiuto persistente del computer di destinazione",
       "de doelcomputer de verbinding actief heeft geweigerd",
       "komputer docelowy aktywnie go odmawia"),
     NULL},

    /* ==== glibc's strerror(ECONNREFUSED) ==================================
     * English: "Connection refused" (explain_rules.c, net.refused 2). A
     * program on Linux prints it in the user's language (PHP's "Failed to
     * connect socket:", bash's "connect:"), as pasted in public files:
     * de "Verbindungsaufbau abgelehnt", fr "Connexion refusée", es
     * "Conexión rehusada", pt "Conexão recusada", ru "В соединении
     * отказано" (a Roundcube log). */
    {MXTLS_F_NET_REFUSED, 2, 0,
     P("verbindungsaufbau abgelehnt", "connexion refusée", "conexión rehusada",
       "conexão recusada", "в соединении отказано"),
     NULL},

    /* ==== .NET SmtpClient: SmtpException, "requires a secure connection" =
     * English: "requires a secure connection" (explain_rules.c,
     * client.starttls-mismatch 3 for a client or tool).
     * The SmtpException as pasted in public code and quoted by Microsoft
     * Learn (SQL Server Reporting Services e-mail delivery, Dynamics 365
     * release notes); the words every source shares:
     * de "Der SMTP-Server erfordert eine sichere Verbindung oder der Client
     *   wurde nicht authentifiziert" (Microsoft Learn de-de; public
     *   PowerShell tools quote "Der SMTP-Server erfordert eine sichere
     *   Verbindung");
     * fr "System.Net.Mail.SmtpException: Le serveur SMTP requiert une
     *   connexion sécurisée ou le client n'était pas authentifié.";
     * es "El servidor SMTP requiere una conexión segura o el cliente no se
     *   autenticó.";
     * pt "System.Net.Mail.SmtpException: O servidor SMTP requer uma conexão
     *   segura ou o cliente não foi autenticado.";
     * it "Il server SMTP richiede una connessione protetta oppure il client
     *   non è stato autenticato." (Microsoft Learn it-it);
     * pl "serwer SMTP wymaga bezpiecznego połączenia lub klient nie został
     *   uwierzytelniony" (Microsoft Learn pl-pl);
     * ja "SMTP サーバーにセキュリティで保護された接続が必要であるか、または
     *   クライアントが認証されていません。 サーバーの応答:5.7.0
     *   Authentication Required." (Send-MailMessage's output pasted in a
     *   public PowerShell script);
     * zh-CN "SMTP 服务器要求安全连接或客户端未通过身份验证" (public code
     *   quoting it; two copies add "(SSL)" after "安全连接", so the words
     *   before it);
     * ru "SMTP-серверу требуется безопасное соединение или клиент не прошел
     *   проверку подлинности." (Microsoft Learn ru-ru, Reporting Services
     *   e-mail subscriptions). */
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 3, CLI | TOOL,
     P("smtp-server erfordert eine sichere verbindung",
       "le serveur smtp requiert une connexion sécurisée",
       "el servidor smtp requiere una conexión segura",
       "o servidor smtp requer uma conexão segura",
       "il server smtp richiede una connessione protetta",
       "serwer smtp wymaga bezpiecznego połączenia",
       "smtp サーバーにセキュリティで保護された接続が必要", "smtp 服务器要求安全连接",
       "smtp-серверу требуется безопасное соединение"),
     NULL},

    /* ==== .NET: net_io_readfailure, "Unable to read data from the
     * transport connection" ===============================================
     * English: "unable to read data" with SslStream in the stack
     * (explain_rules.c, client.starttls-mismatch 3 for a client or tool,
     * the same "with").
     * de: System.IO.IOException pasted in public code and Microsoft Learn
     *   de-de (SQL Server backup to URL: "Von der Übertragungsverbindung
     *   können keine Daten gelesen werden: Die Verbindung wurde
     *   geschlossen."); the words after the upper case "Ü".
     * ja: the IOException pasted in public code ("System.IO.IOException:
     *   転送接続からデータを読み取れません: 既存の接続はリモート ホストに強制的
     *   に切断されました。") and Send-MailMessage's output ("転送接続から
     *   データを読み取れません: net_io_connectionclosed").
     * zh-CN: the IOException pasted in public files ("System.IO.IOException:
     *   无法从传输连接中读取数据: 远程主机强迫关闭了一个现有的连接。") and
     *   Microsoft Learn zh-cn (Application Insights availability tests).
     * ru: the IOException in public code ("Не удается прочитать данные из
     *   транспортного соединения: Удаленный хост принудительно разорвал
     *   существующее подключение."). */
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 3, CLI | TOOL,
     P("können keine daten gelesen werden", "転送接続からデータを読み取れません",
       "无法从传输连接中读取数据", "не удается прочитать данные из транспортного соединения"),
     P("sslstreaminternal", "sslstream.", "sslsocketimpl.starthandshake", "do_handshake",
       "wrap_socket")},

    /* ==== Mozilla NSS, localised (Thunderbird) ===========================
     * English: explain_vocabulary.c's NSS block (SEC_ERROR_EXPIRED_
     * CERTIFICATE cert.expired 3, SEC_ERROR_UNKNOWN_ISSUER cert.untrusted
     * 3, SSL_ERROR_BAD_CERT_DOMAIN cert.name-mismatch 3,
     * SSL_ERROR_NO_CYPHER_OVERLAP tls.no-shared-cipher 3).
     * security/manager/chrome/pipnss/nsserrors.properties of each locale,
     * as postbox/localizations (a Thunderbird-based mail client) ships
     * them for de, fr, es-ES, it, nl and pt-BR; the German file is the
     * same as mozilla-l10n/firefox-l10n de/.../nsserrors.properties.
     * The same file, and its successor toolkit/toolkit/neterror/
     * nsserrors.ftl, as BrowserWorks/l10n (Waterfox's copy of Mozilla's
     * localisations) ships them for ru, uk, pl, cs, sv-SE, da, nn-NO, hu,
     * ko, zh-CN and zh-TW (postbox/localizations has the same ru and sv-SE
     * words); the words after the "cannot communicate securely" prefix.
     * Where the two files differ (ko's expired certificate: "상대방의 인증서가
     * 만료되었습니다." and "피어의 인증서가 만료되었습니다."), the words both
     * share. Mozilla's ja files leave these messages in English, so there
     * is no Japanese NSS phrase. */
    {MXTLS_F_CERT_EXPIRED, 3, 0,
     P("das zertifikat der gegenstelle ist abgelaufen", "le certificat du pair a expiré",
       "el certificado de la otra parte ha caducado", "il certificato del peer è scaduto",
       "certificaat van peer is verlopen",
       "o certificado do sistema remoto está com a validade vencida",
       "сертификат узла истёк", "сертифікат вузла протермінований",
       "certyfikat uczestnika komunikacji stracił ważność",
       "platnost certifikátu partnera už vypršela", "den andra partens certifikat har förfallit",
       "modpartens certifikat er udløbet", "sertifikatet til motparten er gått ut på dato",
       "a partner tanúsítványa lejárt", "의 인증서가 만료되었습니다", "对等端的证书已过期",
       "節點的憑證已過期"),
     NULL},
    {MXTLS_F_CERT_UNTRUSTED, 3, 0,
     P("der zertifikat-aussteller der gegenstelle wurde nicht erkannt",
       "l'autorité de délivrance du certificat du pair n'est pas reconnue",
       "el emisor del certificado de la otra parte no se reconoce",
       "l'autorità emittente del certificato del peer non è stata riconosciuta",
       "uitgever van certificaat van peer wordt niet herkend",
       "o expedidor do certificado do sistema remoto não é reconhecido",
       "издатель сертификата узла не распознан", "нерозпізнаний видавець сертифіката вузла",
       "wystawca certyfikatu uczestnika komunikacji nie został rozpoznany",
       "vydavatel certifikátu partnera nebyl rozpoznán",
       "den andra partens certifikat är utfärdat av en okänd utfärdare",
       "modpartens certifikatudsteder kendes ikke",
       "sertifikatutskrivaren til motparten vart ikkje gjenkjent",
       "a partner tanúsítványának kiadója nem elismert", "피어의 인증서 발급자가 인식되지 않습니다",
       "对等端的证书颁发者不受认可", "無法辨認節點的憑證簽發者"),
     NULL},
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0,
     P("angeforderter domainname stimmt nicht mit dem zertifikat des servers überein",
       "le nom de domaine demandé ne correspond pas au certificat du serveur",
       "el nombre de dominio solicitado no coincide con el certificado del servidor",
       "il nome di dominio richiesto non corrisponde al certificato del server",
       "opgevraagde domeinnaam komt niet overeen met het certificaat van de server",
       "o nome de domínio solicitado não corresponde ao certificado do servidor",
       "запрошенное имя домена не соответствует указанному в сертификате сервера",
       "запитане доменне ім'я не відповідає сертифікату сервера",
       "żądana nazwa domeny nie pasuje do certyfikatu serwera",
       "požadované doménové jméno nesouhlasí s certifikátem serveru",
       "det efterfrågade domännamnet matchar inte serverns certifikat",
       "det forespurgte domænenavn matcher ikke serverens certifikat",
       "domenenamnet stemmer ikkje med sertifikatet åt tenaren",
       "a kért tartománynév nem egyezik a kiszolgáló tanúsítványában",
       "요청된 도메인 이름이 서버 인증서와 일치하지 않습니다", "请求的域名与服务器的证书不匹配",
       "請求的網域名稱與伺服器的憑證不符"),
     NULL},
    {MXTLS_F_TLS_NO_SHARED_CIPHER, 3, 0,
     P("keine gemeinsamen verschlüsselungsalgorithmen",
       "aucun algorithme de chiffrement en commun", "no hay algoritmos de cifrado comunes",
       "non esistono algoritmi di cifratura in comune",
       "geen algeme(e)n(e) versleutelingsalgoritme(n)",
       "não há algoritmos de criptografia em comum",
       "отсутствуют общие алгоритм(ы) шифрования", "відсутні загальні алгоритми шифрування",
       "brak wspólnych algorytmów szyfrowania", "nenalezen žádný společný šifrovací algoritmus",
       "ingen gemensam krypteringsalgoritm", "ingen fælles krypteringsalgoritmer",
       "har ingen felles krypteringsalgoritme", "nincs közös titkosító algoritmus",
       "일반 암호화 알고리즘이 없습니다", "没有双方共用的加密算法", "無雙方接受的加密演算法"),
     NULL},

    /* ==== Outlook's and Windows' certificate alerts, from round 10 ======
     * Microsoft's own pages in the language, quoted in the explain corpus
     * (round 10, rule-writing part):
     * fr: support.microsoft.com/kb/2783881/fr, nl: support.microsoft.com/
     *   nl-be/help/2772058: Outlook's "The name on the security certificate
     *   is invalid or does not match the name of the site" (explain_rules.c,
     *   cert.name-mismatch 3);
     * pt: support.microsoft.com/pt-pt/kb/2006728: "The security certificate
     *   was issued by a company you have not chosen to trust"
     *   (explain_rules.c, cert.untrusted 3);
     * pt: technet.microsoft.com/pt-br/library/bb331963: CERT_E_UNTRUSTEDROOT,
     *   "A certificate chain processed, but terminated in a root
     *   certificate which is not trusted by the trust provider"
     *   (explain_vocabulary.c, cert.untrusted 3);
     * de: mailcow/mailcow#463: Outlook's "None of the authentication
     *   methods supported by this client are supported by your server"
     *   (explain_rules.c, client.starttls-mismatch 2). */
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0,
     P("certificat de sécurité n'est pas valide ou ne correspond pas au nom du site",
       "beveiligingscertificaat is ongeldig of komt niet overeen met de naam van de site"),
     NULL},
    {MXTLS_F_CERT_UNTRUSTED, 3, 0,
     P("foi emitido por uma empresa que não escolheu confiar",
       "terminou em um certificado raiz que não é confiável para o provedor de confiança"),
     NULL},
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 2, CLI,
     P("keine der von diesem client unterstützten authentifizierungsmethoden unterstützt"),
     NULL},

    /* ==== Microsoft 365's NDR, from the rule-writing part ================
     * es: Exchange Online's "The Domain Name System (DNS) reported that
     * the recipient's domain does not exist" (dns.nxdomain 2 through
     * "domain does not exist"), as a Spanish tenant's NDR words it
     * (explain corpus prov-4605: "El sistema de nombres de dominio (DNS)
     * ha informado que el dominio del destinatario no existe"). */
    {MXTLS_F_DNS_NXDOMAIN, 2, 0, P("informado que el dominio del destinatario no existe"), NULL},

    /* ==== Windows and Outlook, from round 18 =============================
     * Quoted in the explain corpus (round 18, rule-writing part), each
     * the localised form of an English text explain_rules.c or
     * explain_vocabulary.c already reads, with that text's cause and
     * weight:
     * zh-CN: CERT_E_EXPIRED, "a required certificate is not within its
     *   validity period ..." (cert.expired 3), in MailKit's exception on
     *   a Chinese Windows (uyoufu/UZonMail#25: "根据当前系统时钟或签名文件
     *   中的时间戳验证时要求的证书不在有效期内");
     * zh-CN: WSAETIMEDOUT (net.timeout 2), Python's "[WinError 10060]"
     *   (KaidiGuo/keyword_based_Sina_weibo_crawler#5,
     *   dereklee0310/RussianFishing4Script#22: "由于连接方在一段时间后没有
     *   正确答复或连接的主机没有反应，连接尝试失败");
     * ja: CERT_E_UNTRUSTEDROOT (cert.untrusted 3) as Outlook's security
     *   alert words it (a university's notice on paperzz.com: "証明書チェー
     *   ンは処理されましたが、信頼プロバイダが信頼していないルート証明書で
     *   強制終了しました"), the words before the line break its copy has;
     * ja: Outlook's "The security certificate is not from a trusted
     *   certifying authority" (cert.untrusted 3), Microsoft Learn ja-jp
     *   (error-when-outlook-uses-rpc-https-connect-server: "セキュリティ証明
     *   書は、信頼された証明機関からのものではありません");
     * pl, el, bg: Outlook's "The name on the security certificate is
     *   invalid or does not match the name of the site" (cert.name-mismatch
     *   3), support.microsoft.com pl-pl/help/940726, el-gr/help/940726 and
     *   bg-bg/help/2772058. */
    /* From round 32 (rule-writing part), likewise:
     * zh-CN: WSAECONNREFUSED (net.refused 2) in Python's traceback on a
     *   Chinese Windows (SeldomQA/seldom#150: "由于目标计算机积极拒绝，无法
     *   连接");
     * ja: Outlook's "The name on the security certificate is invalid or
     *   does not match the name of the site" (cert.name-mismatch 3),
     *   Microsoft Learn ja-jp on RPC over HTTPS ("セキュリティ証明書の名前
     *   が無効であるか、サイトの名前と一致しません"). */
    {MXTLS_F_NET_REFUSED, 2, 0, P("由于目标计算机积极拒绝"), NULL},
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0,
     P("セキュリティ証明書の名前が無効であるか、サイトの名前と一致しません"), NULL},
    {MXTLS_F_CERT_EXPIRED, 3, 0, P("验证时要求的证书不在有效期内"), NULL},
    {MXTLS_F_NET_TIMEOUT, 2, 0, P("由于连接方在一段时间后没有正确答复"), NULL},
    {MXTLS_F_CERT_UNTRUSTED, 3, 0,
     P("信頼プロバイダが信頼していないルート証明書で",
       "セキュリティ証明書は、信頼された証明機関からのものではありません"),
     NULL},
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0,
     P("nazwa certyfikatu zabezpieczeń jest nieprawidłowa lub niezgodna z nazwą witryny",
       "όνομα του πιστοποιητικού ασφαλείας δεν είναι έγκυρο ή δεν συμφωνεί με το όνομα της "
       "τοποθεσίας",
       "името на сертификата за защитата е невалиден или не отговаря на името на сайта"),
     NULL},
    /* From round 133 (rule-writing part), likewise: pt-BR, Outlook's
     * "The name on the security certificate is invalid or does not match
     * the name of the site" (cert.name-mismatch 3), support.microsoft.com
     * pt-br/help/2772058 ("O nome no certificado de segurança é inválido
     * ou não corresponde ao nome do site"); it, Outlook 2007's form of it,
     * technet.microsoft.com/it-it/library/Dd439393 ("Il nome del
     * certificato di sicurezza non è valido o non corrisponde al nome del
     * sito di destinazione"). */
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0,
     P("nome no certificado de segurança é inválido ou não corresponde ao nome do site",
       "nome del certificato di sicurezza non è valido o non corrisponde al nome del sito"),
     NULL},
    /* From round 165 (rule-writing part), likewise: de, the same Outlook
     * warning, support.microsoft.com de-lu/help/2772058 ("Der Name des
     * Sicherheitszertifikats ist ungültig oder entspricht nicht dem Namen
     * der Zielwebsite"); the stem alone, which Internet Explorer's form
     * of it ("... stimmt nicht mit dem Namen der Site überein") shares. */
    {MXTLS_F_CERT_NAME_MISMATCH, 3, 0, P("name des sicherheitszertifikats ist ungültig"), NULL},

    /* ==== Outlook's 0x800CCC1A, from round 12 ============================
     * "Your server does not support the connection encryption type you
     * have specified" (explain_rules.c: sender.tls-config 2 for the
     * client's own setting, client.starttls-mismatch 1 beside it, as for
     * its error number), quoted in the explain corpus (round 12,
     * rule-writing part):
     * ja: it.sorayori.com/gmailsetting ("このサーバーは、指定した種類の
     *   接続暗号化をサポートしていません");
     * es: sitioshispanos.blog ("El servidor no admite el tipo de cifrado de
     *   conexión que ha especificado"). */
    {MXTLS_F_SENDER_TLS_CONFIG, 2, SEND | CLI,
     P("指定した種類の接続暗号化をサポートしていません",
       "no admite el tipo de cifrado de conexión que ha especificado"),
     NULL},
    {MXTLS_F_CLIENT_STARTTLS_MISMATCH, 1, 0,
     P("指定した種類の接続暗号化をサポートしていません",
       "no admite el tipo de cifrado de conexión que ha especificado"),
     NULL},
};
const size_t mxtls__n_l10n_vocabulary_rules =
    sizeof mxtls__l10n_vocabulary_rules / sizeof mxtls__l10n_vocabulary_rules[0];
