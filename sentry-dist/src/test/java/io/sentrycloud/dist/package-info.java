/** End-to-end tests of the built tarballs: unpack, start the scripts, see data flow, stop. */
package io.sentrycloud.dist;
