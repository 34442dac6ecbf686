package links

import (
	"context"
	"errors"
	"time"
)

// ErrNotFound is returned by a Store's Get for a key it does not hold.
var ErrNotFound = errors.New("links: no such key")

// Store is the little of Workers KV that links need. A Put writes one whole value or nothing.
type Store interface {
	// Get returns the value stored under key, or ErrNotFound.
	Get(ctx context.Context, key string) ([]byte, error)
	// Put stores value under key; ttl > 0 makes it expire.
	Put(ctx context.Context, key string, value []byte, ttl time.Duration) error
}

// Limiter answers whether one more request from a client (key) is allowed now.
type Limiter interface {
	Allow(ctx context.Context, key string) (bool, error)
}
