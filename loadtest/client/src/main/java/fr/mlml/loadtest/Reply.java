package fr.mlml.loadtest;

import io.vertx.core.buffer.Buffer;

/** One HTTP answer: its status and body ({@code status} 0 when the request never got an answer). */
record Reply(int status, Buffer body) {
}
