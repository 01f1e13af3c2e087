/* TLS alerts: names, and what each usually means on an SMTP connection. */
#ifndef MXTLS_ALERTS_H
#define MXTLS_ALERTS_H

#include <stdint.h>

/* What alert n usually means when mail servers exchange it, or NULL. */
const char *mxtls__alert_meaning(int32_t alert);
/* 1 for alerts only the side that verifies a certificate sends (42-46, 48). */
int mxtls__alert_is_certificate_rejection(int32_t alert);

#endif
