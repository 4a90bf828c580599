"""A tiny SMTP server on 127.0.0.1 that keeps what it receives: enough for smtplib, no relaying."""

import socketserver
import threading


class _Handler(socketserver.StreamRequestHandler):
	def reply(self, line: str):
		self.wfile.write((line + "\r\n").encode())

	def handle(self):
		self.reply("220 csc-test-sink ESMTP")
		while line := self.rfile.readline():
			command = line.decode(errors="replace").strip()
			verb = command.split(" ", 1)[0].upper()
			if verb in ("EHLO", "HELO"):
				self.reply("250 csc-test-sink")
			elif verb in ("MAIL", "RCPT", "RSET", "NOOP"):
				if verb == "RCPT":
					self.server.recipients.append(command.split(":", 1)[1].strip(" <>"))
				self.reply("250 OK")
			elif verb == "DATA":
				self.reply("354 End data with <CR><LF>.<CR><LF>")
				data = []
				while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
					data.append(chunk)
				self.server.messages.append(b"".join(data).decode(errors="replace"))
				self.reply("250 OK queued")
			elif verb == "QUIT":
				self.reply("221 Bye")
				return
			else:
				self.reply("502 Command not implemented")


class SMTPSink(socketserver.ThreadingTCPServer):
	allow_reuse_address = True
	daemon_threads = True

	def __init__(self):
		super().__init__(("127.0.0.1", 0), _Handler)
		self.messages: list[str] = []
		self.recipients: list[str] = []

	@property
	def port(self) -> int:
		return self.server_address[1]

	def __enter__(self):
		threading.Thread(target=self.serve_forever, daemon=True).start()
		return self

	def __exit__(self, *exc):
		self.shutdown()
		self.server_close()
