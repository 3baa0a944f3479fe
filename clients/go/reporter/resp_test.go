package reporter

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"strconv"
	"time"
)

// respClient is the smallest Redis client the live tests need: it sends one command and parses the reply
// (simple strings, errors, integers, bulk strings and arrays).
type respClient struct {
	conn   net.Conn
	reader *bufio.Reader
}

func dialRedis(address string) (*respClient, error) {
	conn, err := net.DialTimeout("tcp", address, 2*time.Second)
	if err != nil {
		return nil, err
	}
	return &respClient{conn: conn, reader: bufio.NewReader(conn)}, nil
}

func (c *respClient) Close() error { return c.conn.Close() }

func (c *respClient) Do(args ...string) (interface{}, error) {
	command := fmt.Sprintf("*%d\r\n", len(args))
	for _, arg := range args {
		command += fmt.Sprintf("$%d\r\n%s\r\n", len(arg), arg)
	}
	if err := c.conn.SetDeadline(time.Now().Add(5 * time.Second)); err != nil {
		return nil, err
	}
	if _, err := io.WriteString(c.conn, command); err != nil {
		return nil, err
	}
	return c.read()
}

func (c *respClient) read() (interface{}, error) {
	line, err := c.reader.ReadString('\n')
	if err != nil {
		return nil, err
	}
	if len(line) < 3 {
		return nil, fmt.Errorf("resp: short line %q", line)
	}
	kind, body := line[0], line[1:len(line)-2]
	switch kind {
	case '+':
		return body, nil
	case '-':
		return nil, fmt.Errorf("redis: %s", body)
	case ':':
		return strconv.ParseInt(body, 10, 64)
	case '$':
		n, err := strconv.Atoi(body)
		if err != nil || n < 0 {
			return nil, err
		}
		data := make([]byte, n+2)
		if _, err := io.ReadFull(c.reader, data); err != nil {
			return nil, err
		}
		return string(data[:n]), nil
	case '*':
		n, err := strconv.Atoi(body)
		if err != nil || n < 0 {
			return nil, err
		}
		items := make([]interface{}, n)
		for i := range items {
			if items[i], err = c.read(); err != nil {
				return nil, err
			}
		}
		return items, nil
	}
	return nil, fmt.Errorf("resp: unexpected reply %q", line)
}
